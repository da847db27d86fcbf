package cluster

import (
	"fmt"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store"
)

// PodQuota is the playground's ResourceQuota on pods: a typo such as --replicas=2000000 must not
// freeze the page, so pod creation beyond it is refused the way a real quota refuses it.
const PodQuota = 20000

// quotaPods refuses new pods beyond PodQuota with ResourceQuota's Forbidden error.
func quotaPods(st *store.Store) func(api.Object) error {
	return func(o api.Object) error {
		if used := st.Count(api.KindPod); used >= PodQuota {
			name := o.Meta().Name
			if name == "" {
				name = o.Meta().GenerateName
			}
			return api.NewForbidden("pods", name, fmt.Sprintf("exceeded quota: playground, requested: pods=1, used: pods=%d, limited: pods=%d", used, PodQuota))
		}
		return nil
	}
}
