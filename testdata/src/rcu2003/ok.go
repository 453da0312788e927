package rcu2003

import (
	"sync"

	"fixtures/ptrhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	okMu   sync.Mutex
	okRW   sync.RWMutex
	okCur  rcuapi.Pointer[config]
	okRWP  rcuapi.Pointer[config]
	okCAS  rcuapi.Pointer[config]
	okFree rcuapi.Pointer[config]
	okList rcuapi.List[route]

	// okSingle is updated only by the reload goroutine.
	//
	//rcu:single-updater
	okSingle rcuapi.Pointer[config]
)

// okBothLocked: every update holds okMu, directly or through its caller.
func okBothLocked(c *config) {
	okMu.Lock()
	defer okMu.Unlock()
	okCur.Assign(c)
}

func okHelper(c *config) { okCur.Assign(c) }

func okCallsHelperLocked(c *config) {
	okMu.Lock()
	okHelper(c)
	okMu.Unlock()
}

// okSetLocked is named for a caller that holds the lock.
func okSetLocked(c *config) { okCur.Assign(c) }

// okClosureUnderLock publishes in a closure called under the lock.
func okClosureUnderLock(c *config) {
	okMu.Lock()
	defer okMu.Unlock()
	func() { okCur.Assign(c) }()
}

// okCompareAndSwap is a lock-free updater.
func okCompareAndSwap(c *config) {
	for {
		old := okCAS.Access()
		if okCAS.CompareAndSwap(old, c) {
			return
		}
	}
}

func okCASLocked(c *config) {
	okMu.Lock()
	defer okMu.Unlock()
	okCAS.Assign(c)
}

// okRWBoth: write lock in one, the same RWMutex's write lock named by
// Replace in the other.
func okRWWrite(c *config) {
	okRW.Lock()
	defer okRW.Unlock()
	okRWP.Assign(c)
}

func okRWReplace(c *config) *config {
	okRW.Lock()
	defer okRW.Unlock()
	return okRWP.Replace(c, &okRW)
}

// okNoLocksAnywhere: a loader and a reloader, neither locks; a single
// updater goroutine is a design, not a bug.
func okLoad(c *config)   { okFree.Assign(c) }
func okReload(c *config) { okFree.Assign(c) }

// okSingleUpdaterVar: the variable is annotated.
func okSingleLocked(c *config) {
	okMu.Lock()
	defer okMu.Unlock()
	okSingle.Assign(c)
}

func okSingleUnlocked(c *config) { okSingle.Assign(c) }

// okReloader is the only goroutine that updates okCur without the lock.
//
//rcu:single-updater
func okReloader(cs <-chan *config) {
	for c := range cs {
		okCur.Assign(c)
	}
}

// okFuncValue is called through a function value, maybe under the lock.
func okFuncValue(c *config) { okList.PushBack(route{prefix: c.addr}) }

func okRunLocked(f func(*config), c *config) {
	okMu.Lock()
	defer okMu.Unlock()
	f(c)
	okList.PushBack(route{})
}

func okUseFuncValue() { okRunLocked(okFuncValue, &config{}) }

// okExportedLock publishes ptrhelpers.Exposed from an exported function:
// its callers may hold ptrhelpers.Mu, which is exported.
func OkExportedLock(c *ptrhelpers.Config) { ptrhelpers.Exposed.Assign(c) }

// okSetViaHelpers publishes ptrhelpers.Current through its own locked setter.
func okSetViaHelpers(c *ptrhelpers.Config) { ptrhelpers.Set(c) }

// okRegistry is made by okConstructor and updated under its lock later.
type okRegistry struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[config]
}

// okConstructor fills in the pointer of a registry it has just made, which
// nobody else can see yet, without the lock that later updates take.
func okConstructor(c *config) *okRegistry {
	r := &okRegistry{}
	r.cur.Assign(c)
	return r
}

// okUpdateLater updates under the registry's lock.
func (r *okRegistry) okUpdateLater(c *config) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cur.Assign(c)
}

// init publishes the first configuration before any updater runs.
func init() {
	current.Assign(&config{mode: "initial"})
}

// okLoader's table is updated by its single loader goroutine only, once
// under the lock and otherwise without it.
type okLoader struct {
	mu sync.Mutex
	// table is replaced by the loader goroutine only.
	//
	//rcu:single-updater
	table rcuapi.Pointer[config]
}

func (l *okLoader) okLoadUnderLock(c *config) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.table.Assign(c)
}

func (l *okLoader) okLoadUnlocked(c *config) { l.table.Assign(c) }
