// Case: thumbnail cache's Open ends its private SRCU domain on the error path of the first reload, which has already queued the release of the initial index on that domain
// Source: Documentation/RCU/checklist.rst item 14 and whatisRCU.rst (cleanup_srcu_struct() with callbacks still pending; call srcu_barrier() first); cleanup_srcu_struct()'s warning when callbacks are still queued ("Forgot srcu_barrier(), so just leak it!")
// Kind: bad
// Pair: thumbopenfix

package thumbopen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type index struct {
	byName map[string]string // thumbnail name -> file path
	arena  *[]byte           // scratch for path building, from arenaPool
}

var arenaPool = sync.Pool{New: func() any { b := make([]byte, 0, 1<<16); return &b }}

func (ix *index) release() {
	*ix.arena = (*ix.arena)[:0]
	arenaPool.Put(ix.arena)
}

// Cache serves thumbnails; readers open files inside their SRCU section.
type Cache struct {
	mu  sync.Mutex
	dom *rcuapi.SRCU
	cur rcuapi.Pointer[index]
}

// Open builds a cache over dir.
func Open(dir string) (*Cache, error) {
	c := &Cache{dom: rcuapi.NewSRCU("thumbs:" + dir)}
	c.cur.Init(&index{byName: map[string]string{}, arena: arenaPool.Get().(*[]byte)})
	if err := c.Reload(dir); err != nil {
		c.dom.Cleanup() // expect RCU6004
		return nil, fmt.Errorf("thumbs: open %s: %w", dir, err)
	}
	return c, nil
}

// Reload rescans dir, publishes the new index, and checks that every file
// it lists is readable.
func (c *Cache) Reload(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	next := &index{byName: make(map[string]string, len(entries)), arena: arenaPool.Get().(*[]byte)}
	for _, e := range entries {
		next.byName[e.Name()] = filepath.Join(dir, e.Name())
	}
	c.mu.Lock()
	old := c.cur.Replace(next, &c.mu)
	c.dom.Call(old.release)
	c.mu.Unlock()
	return c.verify()
}

func (c *Cache) verify() error {
	s := c.dom.ReadLock()
	defer c.dom.ReadUnlock(s)
	var errs []error
	for _, path := range c.cur.Dereference(s).byName {
		if _, err := os.Stat(path); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Read returns a thumbnail's bytes.
func (c *Cache) Read(name string) ([]byte, error) {
	s := c.dom.ReadLock()
	defer c.dom.ReadUnlock(s)
	path, ok := c.cur.Dereference(s).byName[name]
	if !ok {
		return nil, os.ErrNotExist
	}
	return os.ReadFile(path)
}
