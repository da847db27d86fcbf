package store

import "rolloutlab/engine/api"

// Table keeps the objects of one kind outside the store's maps. Events, which a busy cluster
// writes by the hundred thousand and reads rarely, live in the recorder's compact log and
// become objects only when read. The store still hands out their resourceVersions; nothing
// watches a table's kind.
type Table interface {
	// Get returns the named object, or nil.
	Get(namespace, name string) api.Object
	// List returns the objects in a namespace ("" for all), ordered by namespace and name;
	// the slice must not be changed.
	List(namespace string) []api.Object
	// Len is the number of objects.
	Len() int
	// Delete removes the named object and returns its last state.
	Delete(namespace, name string) (api.Object, bool)
}

// Serve hands the objects of kind, one of those the simulator serves, to t.
func (s *Store) Serve(kind string, t Table) {
	s.tables[kindIndex(kind)] = t
}

// table returns the table serving kind, if any.
func (s *Store) table(kind string) Table {
	if i := kindIndex(kind); i >= 0 {
		return s.tables[i]
	}
	return nil
}

// NextResourceVersion hands out a resourceVersion for a write to a table's object.
func (s *Store) NextResourceVersion() int64 {
	s.rv++
	return s.rv
}
