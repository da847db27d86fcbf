package events

// cacheEntries bounds each of the recorder's caches, as client-go's LRU caches of 4096
// entries do: a long session must not grow without limit.
const cacheEntries = 4096

// cache is a two-generation approximation of an LRU cache: entries live in the current map;
// when it is full it becomes the previous one and a fresh map starts. A hit in the previous map
// moves the entry forward, so what is used recently survives and memory stays bounded.
type cache[K comparable, V any] struct {
	cur, prev map[K]V
}

func newCache[K comparable, V any]() *cache[K, V] { return &cache[K, V]{cur: map[K]V{}} }

func (c *cache[K, V]) get(k K) (V, bool) {
	if v, ok := c.cur[k]; ok {
		return v, true
	}
	if v, ok := c.prev[k]; ok {
		c.put(k, v)
		return v, true
	}
	var zero V
	return zero, false
}

func (c *cache[K, V]) put(k K, v V) {
	if len(c.cur) >= cacheEntries {
		// The oldest generation is dropped; its map is cleared and reused for the new one.
		if c.prev == nil {
			c.prev = make(map[K]V, cacheEntries)
		}
		clear(c.prev)
		c.prev, c.cur = c.cur, c.prev
	}
	c.cur[k] = v
}
