package api

import (
	"fmt"
	"testing"
)

func TestSmoke(t *testing.T) {
	in := []string{
		`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        imagePullPolice: Always
`,
		`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: two
`,
		`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
 spec:
  replicas: two
`,
		`kind: Deployment
metadata:
  name: web
`,
		`apiVersion: apps/v1beta1
kind: Deployment
metadata:
  name: web
`,
		`apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - name: a
        resources:
          limits:
            memory: 128MB
`,
	}
	for _, s := range in {
		for _, m := range []ValidationMode{Strict, Warn, Ignore} {
			docs := DecodeDocuments([]byte(s), m)
			for _, d := range docs {
				if d.Err != nil {
					fmt.Printf("%d ERR %s\n", m, DecodeErrorText(d.Err, "d.yaml"))
				} else {
					fmt.Printf("%d OK %T %v\n", m, d.Object, d.Warnings)
				}
			}
		}
	}
	docs := DecodeDocuments([]byte(in[0]), Ignore)
	d := docs[0].Object.(*Deployment)
	SetDefaultsDeployment(d)
	d.Spec.Selector = nil
	errs := ValidateDeployment(d)
	fmt.Println(KubectlText(NewInvalid("Deployment", d.Name, errs)))
	y, _ := EncodeYAML(d)
	fmt.Println(string(y))
}
