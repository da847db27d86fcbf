package cluster

import (
	"rolloutlab/engine/api"
)

// Create is a client's POST: the object as its JSON carries it (see api.CoerceUTF8), defaulting,
// validation, then storage. Validation failures come back as the API server's Invalid error and
// nothing is stored.
func (c *Cluster) Create(o api.Object) error {
	Received(o)
	if ns := o.Meta().Namespace; o.ObjectKind() != api.KindNode && ns != "default" {
		return api.NewNotFound("namespaces", ns)
	}
	if errs := c.admit(o, nil); len(errs) > 0 {
		return api.NewInvalid(o.ObjectKind(), o.Meta().Name, errs)
	}
	return c.Store.Create(o)
}

// Received is what the API server makes of an object sent to it, before admission: its strings
// as its JSON carries them (api.CoerceUTF8), and the request's namespace, "default", when it
// names none (nodes have none).
func Received(o api.Object) {
	api.CoerceUTF8(o)
	if o.Meta().Namespace == "" && o.ObjectKind() != api.KindNode {
		o.Meta().Namespace = "default"
	}
}

// Update is a client's PUT of metadata and spec, with the same defaulting and the update rules
// (an immutable selector) on top of validation.
func (c *Cluster) Update(o api.Object) error {
	old := c.Store.Get(o.ObjectKind(), o.Meta().Namespace, o.Meta().Name)
	if old == nil {
		return api.NewNotFound(resourceOf(o.ObjectKind()), o.Meta().Name)
	}
	api.CoerceUTF8(o)
	// As the API server's BeforeUpdate: clients cannot set the generation, and an object sent
	// without a uid (`kubectl replace -f` of a manifest) keeps the stored one.
	m, om := o.Meta(), old.Meta()
	m.Generation = om.Generation
	if m.UID == "" {
		m.UID = om.UID
	}
	if errs := c.admit(o, old); len(errs) > 0 {
		return api.NewInvalid(o.ObjectKind(), o.Meta().Name, errs)
	}
	return c.Store.Update(o)
}

func resourceOf(kind string) string {
	switch kind {
	case api.KindDeployment:
		return "deployments.apps"
	case api.KindReplicaSet:
		return "replicasets.apps"
	case api.KindService:
		return "services"
	}
	return "pods"
}

// admit defaults and validates an object for create (old == nil) or update, allocating a
// Service's addresses from this cluster's.
func (c *Cluster) admit(o api.Object, old api.Object) []api.FieldError {
	return api.Admit(o, old, c.allocateService)
}
