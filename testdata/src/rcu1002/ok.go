package rcu1002

import (
	"slices"
	"sync"

	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okCopyBeforeUnlock copies values out of the object before ReadUnlock and uses the copies after.
func okCopyBeforeUnlock() (int, string) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	port, name := c.port, c.name
	rcuapi.ReadUnlock(s)
	return port, name
}

// point has no field that refers to other memory.
type point struct{ x, y int }

var origin rcuapi.Pointer[point]

// okCopyWholeValue copies the whole object, which refers to nothing else.
func okCopyWholeValue() point {
	s := rcuapi.ReadLock()
	p := *origin.Dereference(s)
	rcuapi.ReadUnlock(s)
	return p
}

// okCloneSlice clones a slice reached through the object before ReadUnlock.
func okCloneSlice() []string {
	s := rcuapi.ReadLock()
	peers := slices.Clone(cfg.Dereference(s).peers)
	rcuapi.ReadUnlock(s)
	return peers
}

// okTryGetReference takes a module reference inside the section and uses the module after it, until Put.
func okTryGetReference(name string) string {
	s := rcuapi.ReadLock()
	var found *rcuapi.Module
	for m := range rcuapi.Modules(s) {
		if m.Name == name && m.TryGet() {
			found = m
			break
		}
	}
	rcuapi.ReadUnlock(s)
	if found == nil {
		return ""
	}
	defer found.Put()
	return found.Name
}

var active rcuapi.Pointer[rcuapi.Module] // classic RCU

// okTryGetDereferenced takes a reference on a dereferenced module and returns it for the caller to Put.
func okTryGetDereferenced() *rcuapi.Module {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	m := active.Dereference(s)
	if m == nil || !m.TryGet() {
		return nil
	}
	return m
}

// filter is a list element that owns a module.
type filter struct {
	mod  *rcuapi.Module
	name string
}

var filters rcuapi.List[filter] // classic RCU

// okTryGetFieldCollected takes a reference on each element's module and keeps the modules after the section.
func okTryGetFieldCollected() []*rcuapi.Module {
	s := rcuapi.ReadLock()
	var held []*rcuapi.Module
	for e := range filters.All(s) {
		if m := e.Value.mod; m.TryGet() {
			held = append(held, m)
		}
	}
	rcuapi.ReadUnlock(s)
	return held
}

// okRangeInsideSection ranges over a List and uses its elements inside the section only.
func okRangeInsideSection() (hops int) {
	s := rcuapi.ReadLock()
	for e := range routes.All(s) {
		hops += e.Value.hops
	}
	rcuapi.ReadUnlock(s)
	return hops
}

// okDeferWithEarlyReturns returns copied values on every path while a deferred ReadUnlock ends the section.
func okDeferWithEarlyReturns() (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := cfg.Dereference(s)
	if c == nil {
		return "", false
	}
	if len(c.peers) == 0 {
		return c.name, false
	}
	return c.peers[0], true
}

// okNestedSections uses a pointer obtained under the outer section after the inner section ended.
func okNestedSections() int {
	outer := rcuapi.ReadLock()
	c := cfg.Dereference(outer)
	inner := rcuapi.ReadLock()
	n := len(cfg.Dereference(inner).peers)
	rcuapi.ReadUnlock(inner)
	n += c.port
	rcuapi.ReadUnlock(outer)
	return n
}

// okComparedAfterUnlock compares the pointer, without reading through it, after the section.
func okComparedAfterUnlock(prev *config) bool {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	return c == prev
}

// okSRCUSection reads through the pointer inside an SRCU section, which may block.
func okSRCUSection(out chan<- int) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	c := srcuCfg.Dereference(s)
	out <- c.port
}

// okWrapperSection reads through a wrapper's getter inside the wrapper's section.
func okWrapperSection() string {
	s := wdom.ReadLock()
	c := wdom.Config(s)
	d := c.Describe()
	wdom.ReadUnlock(s)
	return d
}

// okHelperInsideSection passes the pointer to helpers inside the section.
func okHelperInsideSection() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return helpers.Show(helpers.Get(s))
}

// okGoroutineGetsCopy hands a goroutine a copied value, not the pointer.
func okGoroutineGetsCopy(out chan<- int) {
	s := rcuapi.ReadLock()
	port := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	go func() { out <- port }()
}

var (
	mu   sync.Mutex // serialises updaters of cfg
	snap *point
)

// okProtectedUnderLock reads and keeps the object as the updater, under the update lock.
func okProtectedUnderLock() int {
	mu.Lock()
	defer mu.Unlock()
	return cfg.Protected(&mu).port
}

// okFreshCopyStoredGlobally stores a new object built from copied values.
func okFreshCopyStoredGlobally() {
	s := rcuapi.ReadLock()
	p := origin.Dereference(s)
	fresh := &point{x: p.x, y: p.y}
	rcuapi.ReadUnlock(s)
	snap = fresh
}

// okRelockAndReload re-begins its section every 100 reads and reloads the pointer under the new one.
func okRelockAndReload(n int) (total int) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	for i := range n {
		if i%100 == 99 {
			rcuapi.ReadUnlock(s)
			s = rcuapi.ReadLock()
			c = cfg.Dereference(s)
		}
		total += c.port
	}
	rcuapi.ReadUnlock(s)
	return total
}

// okIndexIntoLocalSlice files pointers into a local scratch slice and reads them inside the section.
func okIndexIntoLocalSlice(n int) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	byHops := make([]*route, n)
	for e := range routes.All(s) {
		if e.Value.hops < n {
			byHops[e.Value.hops] = &e.Value
		}
	}
	if r := byHops[0]; r != nil {
		return len(r.prefix)
	}
	return 0
}

// plugin pairs a module with the object that belongs to it.
type plugin struct {
	mod  *rcuapi.Module
	impl *config
}

var plugins rcuapi.List[plugin]

// okElementPinnedByItsModule copies list elements whose module it holds a
// reference on, and uses them after the section: the reference keeps the
// module, and what belongs to it, alive.
func okElementPinnedByItsModule() int {
	s := rcuapi.ReadLock()
	var held []plugin
	for e := range plugins.All(s) {
		p := e.Value
		if p.mod.TryGet() {
			held = append(held, p)
		}
	}
	rcuapi.ReadUnlock(s)
	n := 0
	for _, p := range held {
		n += p.impl.port
		p.mod.Put()
	}
	return n
}

// segment counts its users in a WaitGroup that its retirer waits for.
type segment struct {
	users sync.WaitGroup
	buf   []byte
}

var segments rcuapi.Pointer[segment]

// okPinnedWithWaitGroup registers as a user inside the section, then uses
// the segment after it.
func okPinnedWithWaitGroup() int {
	s := rcuapi.ReadLock()
	seg := segments.Dereference(s)
	seg.users.Add(1)
	rcuapi.ReadUnlock(s)
	defer seg.users.Done()
	return len(seg.buf)
}

// okScatterGather waits, inside its SRCU section, for the goroutines it
// hands the protected object to: they all end before the section does.
func okScatterGather(out []int) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	c := srcuCfg.Dereference(s)
	var wg sync.WaitGroup
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = c.port
		}()
	}
	wg.Wait()
}
