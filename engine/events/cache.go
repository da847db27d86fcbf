package events

// cacheEntries bounds each source's correlator cache, as client-go's LRU caches of 4096
// entries do: a long session must not grow without limit.
const cacheEntries = 4096

// objectCache approximates an LRU cache with generations: an object found or added is stamped
// with the current generation, and after cacheEntries additions the objects not used since the
// previous generation began are dropped. What is used recently survives, memory stays bounded,
// and a lookup is one map access.
type objectCache struct {
	objects map[string]*objectState
	gen     int
	added   int
}

func newObjectCache() *objectCache { return &objectCache{objects: map[string]*objectState{}} }

func (c *objectCache) get(uid string) (*objectState, bool) {
	o, ok := c.objects[uid]
	if ok {
		o.gen = c.gen
	}
	return o, ok
}

func (c *objectCache) put(uid string, o *objectState) {
	o.gen = c.gen
	c.objects[uid] = o
	if c.added++; c.added < cacheEntries {
		return
	}
	for k, v := range c.objects {
		if v.gen < c.gen {
			delete(c.objects, k)
		}
	}
	c.gen++
	c.added = 0
}
