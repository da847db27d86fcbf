package cluster

import (
	"slices"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store"
)

// tokenVolumeSource is the projected service-account token volume; free-form values are never
// changed in place, so every pod shares this one.
var tokenVolumeSource = map[string]any{"projected": map[string]any{
	"defaultMode": 420,
	"sources": []any{
		map[string]any{"serviceAccountToken": map[string]any{"expirationSeconds": 3607, "path": "token"}},
		map[string]any{"configMap": map[string]any{"name": "kube-root-ca.crt", "items": []any{map[string]any{"key": "ca.crt", "path": "ca.crt"}}}},
		map[string]any{"downwardAPI": map[string]any{"items": []any{map[string]any{"path": "namespace",
			"fieldRef": map[string]any{"apiVersion": "v1", "fieldPath": "metadata.namespace"}}}}},
	},
}}

// admitPods adds what the API server's admission plugins add to every new pod, so that
// `kubectl get pod -o yaml` and `describe pod` look as on a real cluster: the default service
// account and its projected token volume mounted in each container (ServiceAccount), the
// not-ready/unreachable tolerations for 300 s (DefaultTolerationSeconds), and priority 0
// (Priority).
func admitPods(st *store.Store) {
	// Admission points every pod at these: what a stored object points to never changes.
	zeroPriority, serviceLinks, tolerationSeconds := api.Ptr(int32(0)), api.Ptr(true), api.Ptr(int64(300))
	defaultTolerations := []api.Toleration{
		{Key: "node.kubernetes.io/not-ready", Operator: "Exists", Effect: "NoExecute", TolerationSeconds: tolerationSeconds},
		{Key: "node.kubernetes.io/unreachable", Operator: "Exists", Effect: "NoExecute", TolerationSeconds: tolerationSeconds},
	}
	st.Admit(api.KindPod, quotaPods(st))
	st.Admit(api.KindPod, func(o api.Object) error {
		p := o.(*api.Pod)
		if p.Spec == nil {
			p.Spec = &api.PodSpec{}
		}
		s := p.Spec
		if g := s.TerminationGracePeriodSeconds; g != nil && *g < 0 {
			// The API server treats a pod's negative grace period as 1 (kubernetes#115606).
			s.TerminationGracePeriodSeconds = api.Ptr(int64(1))
		}
		if s.ServiceAccountName == "" {
			s.ServiceAccountName = "default"
		}
		s.DeprecatedServiceAccount = s.ServiceAccountName
		if s.Priority == nil {
			s.Priority = zeroPriority
		}
		if s.PreemptionPolicy == "" {
			s.PreemptionPolicy = "PreemptLowerPriority"
		}
		if s.EnableServiceLinks == nil {
			s.EnableServiceLinks = serviceLinks
		}
		if len(s.Tolerations) == 0 {
			s.Tolerations = defaultTolerations // shared: what a stored object refers to never changes
		} else {
			// The list may be the template's: appending makes the pod's own.
			s.Tolerations = slices.Clip(s.Tolerations)
			for _, d := range defaultTolerations {
				has := false
				for _, t := range s.Tolerations {
					if t.Key == d.Key && t.Effect == "NoExecute" {
						has = true
					}
				}
				if !has {
					s.Tolerations = append(s.Tolerations, d)
				}
			}
		}
		if s.AutomountServiceAccountToken != nil && !*s.AutomountServiceAccountToken {
			return nil
		}
		var buf [32]byte
		name := string(st.AppendRandomSuffix(append(buf[:0], "kube-api-access-"...), 5))
		// The volume and mount lists may be the template's: appending makes the pod's own. The
		// containers without mounts of their own share one list. A pod without volumes of its
		// own, the usual one, gets both lists in one allocation.
		token := &struct {
			volume [1]api.Volume
			mount  [1]api.VolumeMount
		}{
			volume: [1]api.Volume{{Name: name, Source: tokenVolumeSource}},
			mount:  [1]api.VolumeMount{{Name: name, ReadOnly: true, MountPath: "/var/run/secrets/kubernetes.io/serviceaccount"}},
		}
		if len(s.Volumes) == 0 {
			s.Volumes = token.volume[:]
		} else {
			s.Volumes = append(slices.Clip(s.Volumes), token.volume[0])
		}
		mount := token.mount[:]
		for i := range s.Containers {
			c := &s.Containers[i]
			if len(c.VolumeMounts) == 0 {
				c.VolumeMounts = mount
			} else {
				c.VolumeMounts = append(slices.Clip(c.VolumeMounts), mount[0])
			}
		}
		return nil
	})
}
