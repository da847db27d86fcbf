// Package kubelet simulates the node side: three nodes, a scheduler that binds pods to them
// round-robin, and a kubelet per node that pulls images from a catalog (with pull back-off for
// images that do not exist), starts containers, reports readiness and stops pods on deletion.
package kubelet

import (
	"strings"
)

// Image is an entry of the image catalog: a tag that exists, and its size.
type Image struct {
	Ref   string // normalised reference, e.g. nginx:1.8
	Bytes int64
}

// catalog lists the images that exist. The conformance stand-in knows the first group; the
// rest are real tags learners try. Sizes are the compressed sizes registries report.
var catalog = map[string]int64{
	"nginx:1.7.9": 39_947_261, "nginx:1.8": 43_583_046, "nginx:1.9.1": 44_170_386,
	"nginx:1.14.2": 44_710_204, "nginx:1.16.1": 51_031_009, "nginx:1.25": 70_540_839,
	"nginx:1.27": 72_955_450, "nginx:latest": 72_955_450, "httpd:2.4": 58_214_335,
	"busybox:latest": 2_156_264, "redis:7": 45_963_322,

	"nginx:1.10": 44_998_413, "nginx:1.12": 42_637_904, "nginx:1.15": 43_159_231,
	"nginx:1.17": 51_030_575, "nginx:1.19": 53_594_547, "nginx:1.20": 55_971_372,
	"nginx:1.21": 56_735_526, "nginx:1.22": 56_808_620, "nginx:1.23": 56_948_765,
	"nginx:1.24": 57_037_410, "nginx:1.26": 71_066_416, "nginx:1.28": 72_999_220,
	"nginx:alpine": 20_508_226, "nginx:stable": 72_225_341, "nginx:mainline": 72_955_450,
	"httpd:latest": 58_214_335, "httpd:2.4-alpine": 22_431_818,
	"busybox:1.36": 2_156_264, "busybox:1.37": 2_188_125,
	"redis:latest": 45_963_322, "redis:6": 40_132_987, "redis:7.2": 45_124_201, "redis:alpine": 17_236_904,
	"alpine:latest": 3_623_807, "alpine:3.20": 3_623_807, "alpine:3.19": 3_418_437,
	"ubuntu:latest": 29_754_290, "ubuntu:22.04": 29_534_702, "ubuntu:24.04": 29_754_290,
	"registry.k8s.io/pause:3.10": 320_368, "registry.k8s.io/echoserver:1.10": 44_153_012,
	"gcr.io/google-samples/hello-app:1.0": 11_350_216, "gcr.io/google-samples/hello-app:2.0": 11_350_336,
	"hashicorp/http-echo:latest": 3_453_123, "k8s.gcr.io/echoserver:1.4": 46_165_312,
	"registry.k8s.io/e2e-test-images/agnhost:2.39": 51_180_221,
}

// Normalize turns a reference into the catalog's form: Docker Hub's default registry and
// library/ prefix removed, `:latest` added when no tag or digest is given.
func Normalize(ref string) string {
	r := strings.TrimPrefix(ref, "docker.io/")
	r = strings.TrimPrefix(r, "index.docker.io/")
	r = strings.TrimPrefix(r, "library/")
	if strings.Contains(r, "@") {
		return r
	}
	slash := strings.LastIndex(r, "/")
	if !strings.Contains(r[slash+1:], ":") {
		r += ":latest"
	}
	return r
}

// FullReference is how containerd names an image in its errors: docker.io/library/nginx:1.91.
func FullReference(ref string) string {
	r := Normalize(ref)
	first := r
	if i := strings.Index(r, "/"); i >= 0 {
		first = r[:i]
	} else {
		return "docker.io/library/" + r
	}
	if strings.ContainsAny(first, ".:") || first == "localhost" {
		return r
	}
	return "docker.io/" + r
}

// Lookup finds an image in the catalog.
func Lookup(ref string) (Image, bool) {
	n := Normalize(ref)
	b, ok := catalog[n]
	return Image{Ref: n, Bytes: b}, ok
}

// KnownImages lists the catalog (for completion and lessons), sorted.
func KnownImages() []string {
	out := make([]string, 0, len(catalog))
	for k := range catalog {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}
