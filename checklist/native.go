package checklist

import "honnef.co/go/tools/analysis/lint"

// nativeChecks are the checks of RCU as ordinary Go writes it, without
// rcuapi: a snapshot published in an atomic.Pointer[T], an atomic.Value or
// an unsafe.Pointer used through sync/atomic, with the garbage collector
// as the grace period. They follow Checks, in id order.
var nativeChecks = []Check{
	{
		ID:          "RCU7001",
		Items:       []int{1},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Load, change and Store of a snapshot by updaters with no common lock (lost update)`,
			Text: `RCU7001 reports a \'Store\' or \'Swap\' of an \'atomic.Pointer\', \'atomic.Value\' or \'unsafe.Pointer\'
slot whose value was made from what a \'Load\' of the same slot returned in the same function (a
copy, a map rebuilt from it, a new version a method of it returned), when no mutex is held there, or
when another writer of the slot holds no mutex in common with it. A getter that returns the slot's
\'Load\' counts as one, and so does a helper that stores its parameter into the slot: a call of it
given a value made from the slot's \'Load\', with no mutex held, is reported at that call, and a
deferred \'Store\' counts as one made at the return. A \'Load\' that only decides what to do, and a \'Store\' of a value built from
scratch, are no such update; \'CompareAndSwap\' retry loops, functions marked \'//rcu:single-updater\',
package initialisation and tests are left out.

Two updaters that run at once both load the same version, each makes its own next version, and the
later \'Store\' drops the other's change (checklist item 1). Every access is atomic, so the race
detector sees nothing.

Hold one mutex around every load-change-store of the slot, or retry with \'CompareAndSwap\' until
it succeeds.`,
			Before: `
package example

import "sync/atomic"

type Config struct {
	Sampler string
	Limit   int
}

var config atomic.Pointer[Config]

func SetLimit(n int) {
	c := *config.Load()
	c.Limit = n
	config.Store(&c) // a concurrent SetSampler's change may be lost
}
`,
			After: `
package example

import (
	"sync"
	"sync/atomic"
)

type Config struct {
	Sampler string
	Limit   int
}

var (
	configMu sync.Mutex
	config   atomic.Pointer[Config]
)

func SetLimit(n int) {
	configMu.Lock()
	defer configMu.Unlock()
	c := *config.Load()
	c.Limit = n
	config.Store(&c)
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU7002",
		Items:       []int{3},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Write into a snapshot that readers load`,
			Text: `RCU7002 reports a write into what a slot's \'Load\' returned, or into anything it reaches: a field
or element assignment, a map insert, \'delete\' or \'clear\', an \'append\' to a reslice of one of its slices
(\'append(s[:i], s[i+1:]...)\' overwrites what readers read), a sort in place, a mutating method such as
\'http.Header.Set\', or a call of a function that writes into what it is given, also through a method
value (\'add := snap.add\') or a callback that a method applies to the snapshot's parts (reported in
the callback, at the write: \'snap.each(func(t *Tenant) { t.Limit = 0 })\'). It follows the value
through getters (a function that returns a loaded value, in any package, or one marked
\'//rcu:snapshot\') and through shallow copies: after \'c := *snap\', \'c.Labels\' is still the
snapshot's map. A part of the snapshot that carries its own mutex may be written while that mutex is
held, or by its own methods. A type whose API changes it (a \'bytes.Buffer\', an exported type with
exported methods that change it) is a handle, which only a slot updated by copying makes a
snapshot; a type changed only by the package's helpers is data.

Readers load the snapshot concurrently and read it without locks: they may see the change half made,
in a version nobody published, and the program has a data race (checklist item 3).

Copy the snapshot (deeply, for the parts you change), change the copy, then \'Store\' the copy.`,
			Before: `
package example

import "sync/atomic"

type Routes struct {
	ByHost map[string]string
}

var routes atomic.Pointer[Routes]

func AddRoute(host, backend string) {
	routes.Load().ByHost[host] = backend // readers iterate this map
}
`,
			After: `
package example

import (
	"maps"
	"sync"
	"sync/atomic"
)

type Routes struct {
	ByHost map[string]string
}

var (
	routesMu sync.Mutex
	routes   atomic.Pointer[Routes]
)

func AddRoute(host, backend string) {
	routesMu.Lock()
	defer routesMu.Unlock()
	next := &Routes{ByHost: maps.Clone(routes.Load().ByHost)}
	next.ByHost[host] = backend
	routes.Store(next)
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU7003",
		Items:       []int{4},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Write into a value after it was stored in a slot`,
			Text: `RCU7003 reports a write (as RCU7002 defines it) into a value, or into what it reaches, made after
the value was stored in an \'atomic.Pointer\', \'atomic.Value\' or \'unsafe.Pointer\' slot, on every
path from the \'Store\' (or \'Swap\', or \'CompareAndSwap\'), in the function that stored it; also a
call that hands the stored value to a function that writes into it.

Readers can load the value the moment it is stored. A write made after that races with them and shows
them a value that changes under their feet (checklist item 4).

Finish the value before storing it. To change it later, copy it, change the copy and store the copy.`,
			Before: `
package example

import "sync/atomic"

type TLSConfig struct {
	NextProtos []string
}

var current atomic.Pointer[TLSConfig]

func Serve(cfg *TLSConfig) {
	current.Store(cfg)
	cfg.NextProtos = append(cfg.NextProtos, "h2") // handshakes may be reading it
}
`,
			After: `
package example

import "sync/atomic"

type TLSConfig struct {
	NextProtos []string
}

var current atomic.Pointer[TLSConfig]

func Serve(cfg *TLSConfig) {
	c := *cfg
	c.NextProtos = append(cfg.NextProtos[:len(cfg.NextProtos):len(cfg.NextProtos)], "h2")
	current.Store(&c)
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU7004",
		Items:       []int{15},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Old snapshot destroyed right after it was swapped out`,
			Text: `RCU7004 reports the destruction of the old value of a slot right after the \'Swap\' that returned it
(or the \'Store\' that replaced what the function loaded): a method named \'Close\', \'Stop\',
\'Release\', \'Shutdown\', \'Destroy\', \'Free\' or \'Reset\' (unless the method only drops a reference,
with an atomic decrement, or waits for its users itself), \'sync.Pool.Put\', \'os.Remove\' of a path it
holds, a write into it to reuse it, or a helper of the package that does one of these. A destroy
that runs only when a reference count it decrements reaches zero (\'if h.refs.Add(-1) == 0 {
h.db.Close() }\', in place or in a helper) drops a reference: the last user destroys. A goroutine or
\'time.AfterFunc\' function that destroys it after waiting only a fixed time is reported too: a delay
is no grace period. It is not reported when the destruction runs after a wait (a call that may
block: a WaitGroup, a grace period), in a goroutine that waits for anything else or polls, nor for
a slot that no code loads.

The garbage collector keeps the old value alive for the readers that loaded it a moment before the
\'Swap\', but not its resources: closing its connection, recycling its buffer or removing its files
pulls them from under those readers (checklist item 15).

Drop the old value and let the garbage collector free it; if it owns resources, wait until its
readers are done before releasing them: count them, or use rcuapi, where readers take a section and
the updater waits with \'Synchronize\' (or releases in a \'Call\' callback).`,
			Before: `
package example

import (
	"database/sql"
	"sync/atomic"
)

var db atomic.Pointer[sql.DB]

func Query(q string) error {
	_, err := db.Load().Exec(q)
	return err
}

func Reload(next *sql.DB) error {
	old := db.Swap(next)
	return old.Close() // queries that loaded old a moment ago fail
}
`,
			After: `
package example

import (
	"database/sql"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var db rcuapi.Pointer[sql.DB]

func Query(q string) error {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_, err := db.Dereference(s).Exec(q)
	return err
}

// Reload is called by one goroutine only.
//
//rcu:single-updater
func Reload(next *sql.DB) error {
	old := db.Replace(next, rcuapi.SingleUpdater)
	rcuapi.Synchronize() // every query that could hold old has finished
	return old.Close()
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU7005",
		Items:       []int{4},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `atomic.Value given nil, values of different types, or loaded before any Store`,
			Text: `RCU7005 reports a \'Store\' of nil into an \'atomic.Value\'; a \'Store\' of an interface-typed value
(an \'error\', an \'http.Handler\') whose concrete type may change from one \'Store\' to the next,
unless it is made at most once (in a \'sync.Once\', or after a \'CompareAndSwap\' that only one caller
wins); \'Store\'s of one Value with different concrete types (a call's result counts with its type
when every non-nil result of the function has one type, as for \'errors.New\' or an error library
whose constructors all return its one wrapper, and the result cannot be nil or is checked first), also through a function that stores its
\'interface{}\' parameter (the call that passes another type is reported); and an unchecked type assertion on a
\'Load\' of a Value that nothing stores into before it can be loaded (in \'init\', or in the
constructor that makes its owner).

\'atomic.Value\' panics on a nil \'Store\' and when the concrete type changes, and its \'Load\' returns
nil before the first \'Store\', which an unchecked type assertion turns into a panic: an object
published before it is initialised (checklist item 4).

Use \'atomic.Pointer[T]\', which has none of these traps; or store one concrete type (wrap an
interface in a struct), store a typed nil first, and check loads with \'v, ok := x.Load().(T)\'.`,
			Before: `
package example

import "sync/atomic"

var lastErr atomic.Value // error

func Fail(err error) {
	lastErr.Store(err) // panics when err's concrete type differs from the last one
}
`,
			After: `
package example

import "sync/atomic"

type errBox struct{ err error }

var lastErr atomic.Pointer[errBox]

func Fail(err error) {
	lastErr.Store(&errBox{err})
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
}

func init() { Checks = append(Checks, nativeChecks...) }
