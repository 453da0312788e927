// Case: namespace resolver walks a path through RCU-protected directory nodes using methods that take the caller's Section and return child pointers, all used within the one section; only the inode number leaves it
// Source: idiom: path walk under rcu_read_lock() (the kernel's RCU path walk, Documentation/filesystems/path-lookup.rst) with helpers that require the caller's read-side section
// Kind: idiom

package pathwalk

import (
	"errors"
	"maps"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNotFound = errors.New("ns: no such file or directory")

type dir struct {
	ino      uint64
	children rcuapi.Pointer[map[string]*dir]
}

// child returns the named entry of d. s must be live; the result is valid
// while s is.
func (d *dir) child(s rcuapi.Section, name string) *dir {
	m := d.children.Dereference(s)
	if m == nil {
		return nil
	}
	return (*m)[name]
}

type Namespace struct {
	mu   sync.Mutex // serialises changes anywhere in the tree
	root dir
}

// Inode resolves a slash-separated path to an inode number.
func (ns *Namespace) Inode(path string) (uint64, error) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	d := &ns.root
	for _, name := range strings.Split(strings.Trim(path, "/"), "/") {
		if name == "" {
			continue
		}
		if d = d.child(s, name); d == nil {
			return 0, ErrNotFound
		}
	}
	return d.ino, nil
}

// Mkdir adds an entry to the directory at parentPath; directory maps are
// copied, never changed in place, and the walk holds the update lock.
func (ns *Namespace) Mkdir(parentPath, name string, ino uint64) error {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	d := &ns.root
	for _, n := range strings.Split(strings.Trim(parentPath, "/"), "/") {
		if n == "" {
			continue
		}
		m := d.children.Protected(&ns.mu)
		if m == nil || (*m)[n] == nil {
			return ErrNotFound
		}
		d = (*m)[n]
	}
	next := map[string]*dir{}
	if cur := d.children.Protected(&ns.mu); cur != nil {
		next = maps.Clone(*cur)
	}
	next[name] = &dir{ino: ino}
	d.children.Replace(&next, &ns.mu)
	return nil
}
