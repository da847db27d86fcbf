package endpointslice_test

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store/storetest"
)

// A slice write that fails (here a Conflict on create) fails the sync, and the work queue
// retries it rate-limited, as the EndpointSlice controller's handleErr does: the Service gets
// its slice without any pod changing.
func TestRefusedSliceWriteIsRetried(t *testing.T) {
	c := webCluster(t, 2)
	refused := storetest.Refuse(c.Store, api.KindEndpointSlice, "create", 1, func(api.Object) bool { return true })
	svc := &api.Service{ObjectMeta: api.ObjectMeta{Name: "web"}, Spec: api.ServiceSpec{
		Selector: map[string]string{"app": "web"}, Ports: []api.ServicePort{{Port: 80, TargetPort: api.FromInt(8080)}}}}
	if err := c.Create(svc); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(time.Second)
	if *refused != 1 {
		t.Fatal("the controller never created a slice")
	}
	if s := slice(t, c, "web"); s == nil || len(s.Endpoints) != 2 {
		t.Errorf("slice %+v, want one of 2 endpoints after the retry", s)
	}
}
