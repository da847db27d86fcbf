package api

// Object is any API object the store keeps.
type Object interface {
	// Meta returns the object's metadata; callers must not change it on a shared object.
	Meta() *ObjectMeta
	// ObjectKind is the kind, e.g. "Deployment".
	ObjectKind() string
	// CopyObject returns a deep copy.
	CopyObject() Object
}

// Kinds the simulator serves.
const (
	KindDeployment = "Deployment"
	KindReplicaSet = "ReplicaSet"
	KindPod        = "Pod"
	KindNode       = "Node"
	KindEvent      = "Event"
)

func (d *Deployment) Meta() *ObjectMeta  { return &d.ObjectMeta }
func (d *Deployment) ObjectKind() string { return KindDeployment }
func (d *Deployment) CopyObject() Object { return d.DeepCopy() }
func (r *ReplicaSet) Meta() *ObjectMeta  { return &r.ObjectMeta }
func (r *ReplicaSet) ObjectKind() string { return KindReplicaSet }
func (r *ReplicaSet) CopyObject() Object { return r.DeepCopy() }
func (p *Pod) Meta() *ObjectMeta         { return &p.ObjectMeta }
func (p *Pod) ObjectKind() string        { return KindPod }
func (p *Pod) CopyObject() Object        { return p.DeepCopy() }
func (n *Node) Meta() *ObjectMeta        { return &n.ObjectMeta }
func (n *Node) ObjectKind() string       { return KindNode }
func (n *Node) CopyObject() Object       { return n.DeepCopy() }
func (e *Event) Meta() *ObjectMeta       { return &e.ObjectMeta }
func (e *Event) ObjectKind() string      { return KindEvent }
func (e *Event) CopyObject() Object      { return e.DeepCopy() }

// Int32 dereferences an optional int32, with def for nil.
func Int32(p *int32, def int32) int32 {
	if p == nil {
		return def
	}
	return *p
}
