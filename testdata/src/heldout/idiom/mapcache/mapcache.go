// Case: object cache on rcuapi.Map: readers copy values out, deleters retire with Call and bound the backlog
// Source: idiom: RCU-protected hash table with lock-free lookups and call_rcu() retirement (Documentation/RCU/listRCU.rst; rcuapi.Map docs)
// Kind: idiom

package mapcache

import (
	"bytes"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type object struct {
	etag    string
	body    []byte
	expires time.Time
}

var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type Cache struct {
	m rcuapi.Map[string, *object]
}

// Get copies the body and etag of key if it has not expired.
func (c *Cache) Get(key string, now time.Time) (body []byte, etag string, ok bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	o, found := c.m.Load(s, key)
	if !found || now.After(o.expires) {
		return nil, "", false
	}
	return bytes.Clone(o.body), o.etag, true
}

// Put stores a new object and retires the one it replaced.
func (c *Cache) Put(key, etag string, body []byte, ttl time.Duration) {
	buf := bodies.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(body)
	prev, loaded := c.m.Swap(key, &object{etag: etag, body: buf.Bytes(), expires: time.Now().Add(ttl)})
	if loaded {
		c.retire(prev)
	}
}

// Sweep deletes expired objects.
func (c *Cache) Sweep(now time.Time) {
	var dead []string
	s := rcuapi.ReadLock()
	for k, o := range c.m.Range(s) {
		if now.After(o.expires) {
			dead = append(dead, k)
		}
	}
	rcuapi.ReadUnlock(s)
	for _, k := range dead {
		if old, ok := c.m.Delete(k); ok {
			c.retire(old)
		}
	}
}

func (c *Cache) retire(o *object) {
	rcuapi.Call(func() { bodies.Put(bytes.NewBuffer(o.body[:0])) })
	if rcuapi.Pending() > 4096 {
		rcuapi.Barrier()
	}
}
