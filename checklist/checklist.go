package checklist

import (
	"fmt"
	"strings"

	"honnef.co/go/tools/analysis/lint"
)

// An Item is one item of the RCU review checklist, restated for rcuapi.
type Item struct {
	// Number is the item's position in the kernel's checklist, from 0.
	Number int
	// Title names the item in a few words.
	Title string
	// Rule says what the item demands of a Go program that uses rcuapi.
	Rule string
	// Rationale says what goes wrong when the rule is broken.
	Rationale string
	// Checks are the ids of the static checks that enforce the item, in id
	// order. Empty when no static check can decide it.
	Checks []string
	// Runtime says what rcuapi (or the Go toolchain) does at run time to
	// catch a violation, or empty if nothing does.
	Runtime string
	// ByConstruction says why rcuapi's API makes (part of) the item
	// impossible to violate, or is empty.
	ByConstruction string
}

// A Check is one static check of rcuvet.
type Check struct {
	// ID is the check's stable id, such as "RCU1002"; it is also the name of
	// the check's analyzer.
	ID string
	// Items are the numbers of the checklist items the check enforces.
	Items []int
	// Doc is the check's documentation: title, text, a bad and a good
	// example, the version that introduced it, and its severity.
	Doc *lint.Documentation
	// Implemented reports whether rcuvet runs the check yet.
	Implemented bool
}

// DocsPath is where the generated check documentation lives in rcuvet's
// source tree; a check's anchor in it is its id in lower case.
const DocsPath = "docs/checks.md"

// docsURL is the web address of DocsPath, with a trailing '#'. It is empty
// while rcuvet has no published home: every check's documentation then
// names the file in the source tree, never an address that does not exist.
// The release that publishes rcuvet sets it (docs/release.md).
const docsURL = ""

// Unreleased is the Since of a check that no tagged release of rcuvet has
// yet.
const Unreleased = "Unreleased"

// since is the release that introduced the first set of checks: none yet.
// The first release sets it to its tag (docs/release.md).
const since = Unreleased

// Lookup returns the check with the given id.
func Lookup(id string) (*Check, bool) {
	for i := range Checks {
		if Checks[i].ID == id {
			return &Checks[i], true
		}
	}
	return nil, false
}

// ItemByNumber returns checklist item n.
func ItemByNumber(n int) (*Item, bool) {
	for i := range Items {
		if Items[i].Number == n {
			return &Items[i], true
		}
	}
	return nil, false
}

// Anchor returns the check's anchor in DocsPath: its id in lower case.
func (c *Check) Anchor() string { return strings.ToLower(c.ID) }

// URL returns the web address of the check's documentation, or "" while
// rcuvet has no published home (see DocRef).
func (c *Check) URL() string {
	if docsURL == "" {
		return ""
	}
	return docsURL + c.Anchor()
}

// DocRef returns where to read the check's full documentation: its web
// address if it has one, and otherwise its place in rcuvet's source tree
// ("docs/checks.md#rcu1002 in rcuvet's source tree").
func (c *Check) DocRef() string {
	if u := c.URL(); u != "" {
		return u
	}
	return DocsPath + "#" + c.Anchor() + " in rcuvet's source tree"
}

// Released reports whether the check is in a tagged release of rcuvet.
func (c *Check) Released() bool { return c.Doc.Since != "" && c.Doc.Since != Unreleased }

// Explain returns the check's documentation as plain text, as
// "rcuvet -explain ID" prints it.
func (c *Check) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", c.ID, c.Doc.Title)
	if c.Released() {
		fmt.Fprintf(&b, "Severity: %s. Available since %s.\n\n", SeverityName(c.Doc.Severity), c.Doc.Since)
	} else {
		fmt.Fprintf(&b, "Severity: %s. Not in a tagged release yet.\n\n", SeverityName(c.Doc.Severity))
	}
	b.WriteString("Checklist items enforced:\n")
	for _, n := range c.Items {
		if it, ok := ItemByNumber(n); ok {
			fmt.Fprintf(&b, "  %2d. %s\n", n, it.Title)
		}
	}
	b.WriteString("\n")
	text := c.Doc.TextMarkdown
	if text == "" {
		text = c.Doc.Text
	}
	for para := range strings.SplitSeq(text, "\n\n") {
		b.WriteString(wrap(para, 80))
		b.WriteString("\n")
	}
	writeExample(&b, "Bad:", c.Doc.Before)
	writeExample(&b, "Good:", c.Doc.After)
	fmt.Fprintf(&b, "More: %s\n", c.DocRef())
	return b.String()
}

// wrap refills a paragraph of the Markdown text as plain text, in lines of at
// most width columns (longer words stay whole), each ended by a newline.
// A code span is kept on one line and loses its backquotes.
func wrap(para string, width int) string {
	const space = '\x00' // a space inside a code span
	inCode := false
	para = strings.Map(func(r rune) rune {
		switch {
		case r == '`':
			inCode = !inCode
			return -1
		case inCode && r == ' ':
			return space
		}
		return r
	}, para)
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(para) {
		w = strings.ReplaceAll(w, string(space), " ")
		if n > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		}
		if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	b.WriteString("\n")
	return b.String()
}

func writeExample(b *strings.Builder, label, src string) {
	if src == "" {
		return
	}
	b.WriteString(label + "\n\n")
	for line := range strings.SplitSeq(src, "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("    " + line + "\n")
	}
	b.WriteString("\n")
}

// SeverityName names a severity in lower case, as the docs print it.
func SeverityName(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	case lint.SeverityInfo:
		return "info"
	case lint.SeverityHint:
		return "hint"
	case lint.SeverityDeprecated:
		return "deprecated"
	}
	return "none"
}

// Items is the review checklist, items 0 to 18 in the kernel's order.
var Items = []Item{
	{
		Number: 0,
		Title:  "RCU is applied to read-mostly data",
		Rule: "Use rcuapi for data that is read far more often than it is changed. As a rough guide, " +
			"if more than about one access in ten is an update, prefer a sync.RWMutex or another design " +
			"unless measurements show that rcuapi still wins. Other good reasons to use it despite frequent " +
			"updates: performance does not matter and the RCU version is the simpler code; readers need a " +
			"latency that never depends on a lock; or read-side sections keep a lock-free updater " +
			"(CompareAndSwap) from meeting an object that was recycled while it still held it (the ABA problem).",
		Rationale: "RCU makes reads cheap by making updates expensive: every update copies, publishes, and " +
			"then waits for a grace period (Synchronize) or queues a callback (Call). With many updates, that " +
			"cost outweighs what the readers save.",
		Runtime: "No static check can decide this: it is a property of the workload. rcuapi keeps no " +
			"read/update counters, so measure: benchmarks with a realistic mix of reads and updates " +
			"(go test -bench), and profiles, where grace-period waits show up as time spent in Synchronize " +
			"and a callback backlog as a Pending() count that keeps rising.",
	},
	{
		Number: 1,
		Title:  "Updaters exclude one another",
		Rule: "Readers need no lock, but the updates of one Pointer or List must exclude each other. Choose " +
			"one discipline per structure and follow it at every update: (a) one lock, usually a sync.Mutex, " +
			"held across the whole read-copy-publish sequence and named in Protected, Replace and " +
			"AllProtected; (b) lock-free updates with Pointer.CompareAndSwap in a retry loop; or (c) every " +
			"update made by one goroutine, which must then keep up with the rate of updates.",
		Rationale: "RCU coordinates readers with writers, never writers with each other. Two updaters that " +
			"both copy the current version and publish their copy lose one of the changes; two that retire " +
			"the same old object destroy it twice.",
		Checks: []string{"RCU2003", "RCU2005", "RCU7001"},
		Runtime: "Protected, Replace and List.AllProtected panic when the lock they name is nil, or is a " +
			"*sync.Mutex or *sync.RWMutex that nobody holds. A lock held by some other goroutine passes " +
			"that test, which is why RCU2005 checks the calling goroutine statically.",
		ByConstruction: "The memory-barrier work that the kernel asks of lock-free updaters is done by Go: " +
			"CompareAndSwap is a sync/atomic operation, and Go's atomics are sequentially consistent. A List " +
			"changes its links under a lock of its own, so concurrent PushFront, PushBack, Remove and Replace " +
			"calls never corrupt the list; only an update that depends on what the updater read before it " +
			"(find, then remove) needs the caller's lock.",
	},
	{
		Number: 2,
		Title:  "Protected data is read inside a read-side section",
		Rule: "Read RCU-protected data only inside a live read-side section, passing that Section to " +
			"Dereference, List.All or Modules, or as an updater that holds the update lock, through " +
			"Protected or AllProtected. End every section exactly once on every path (a deferred ReadUnlock " +
			"right after ReadLock is the simple way), and do not block inside a classic section. Use what " +
			"Dereference returned, and whatever is reached through it, only until the section ends: copy " +
			"out the values you need, or take a reference (for a Module, TryGet) before ReadUnlock. Do not " +
			"let the pointer escape the section by storing it in a global or heap object, returning it, " +
			"sending it on a channel or handing it to a goroutine. The result of Access is for comparisons " +
			"only; never read through it.",
		Rationale: "A grace period waits only for sections that have begun and not yet ended. A read made " +
			"outside any section, or a pointer still in use after ReadUnlock, is invisible to the updater, " +
			"which may close, recycle or tear down the object meanwhile. The garbage collector keeps the " +
			"memory valid, so nothing crashes: the reader silently works with a closed file, a buffer that " +
			"now belongs to someone else, or a module that has exited.",
		Checks: []string{"RCU1001", "RCU1002", "RCU1003", "RCU1005", "RCU1007"},
		Runtime: "Dereference, List.All, Modules and ReadUnlock panic on the zero Section. A second " +
			"ReadUnlock of the same Section panics when it drives the reader counter below zero, which " +
			"other readers sharing that counter can hide. A section that is never ended, or a classic " +
			"reader that blocks, holds up grace periods and is reported as a stall once the stall timeout " +
			"passes (SetStallTimeout, SetStallHandler).",
	},
	{
		Number: 3,
		Title:  "Updates tolerate concurrent readers",
		Rule: "Readers keep running while an update is in progress, so every change must look like a single " +
			"step to them. Do not write in place to an object that readers can reach: copy it, change the " +
			"copy, and publish the copy with Assign or Replace. Change a List only through its own " +
			"operations (PushFront, PushBack, Remove, Replace). State that must change in place while " +
			"readers look at it needs synchronisation that the readers use too, such as a per-object mutex " +
			"or sync/atomic fields. Fields that change together belong in one struct behind one Pointer, " +
			"so that a single Assign switches all of them.",
		Rationale: "A reader may be halfway through an object when the updater writes to it, and then sees " +
			"a mixture of old and new fields; in Go terms the program has a data race, and for a map the " +
			"runtime may abort it. Publishing a fresh copy gives every reader either the whole old version " +
			"or the whole new one.",
		Checks:  []string{"RCU2002", "RCU7002"},
		Runtime: "go test -race reports an in-place write that overlaps a reader's load, when a test hits that window.",
		ByConstruction: "Publishing is atomic: a Pointer holds a sync/atomic pointer, so a reader loads " +
			"either the old value or the new one, never a torn mixture of the two.",
	},
	{
		Number: 4,
		Title:  "Objects are initialised before they are published",
		Rule: "Finish every write that initialises an object before publishing it with Assign, Replace, " +
			"CompareAndSwap, or a List's PushFront, PushBack or Replace, and write nothing through that " +
			"pointer afterwards. Readers load protected pointers only through Dereference or List.All. " +
			"Init is for a Pointer that no reader can see yet, or for storing nil.",
		Rationale: "A reader may load the new pointer the moment it is published. A field written after " +
			"that may be seen with its zero or previous value, and the write races with the reader.",
		Checks:  []string{"RCU2001", "RCU7003", "RCU7005"},
		Runtime: "go test -race reports a write after publication that overlaps a reader's load, when a test hits that window.",
		ByConstruction: "The memory-ordering half of the item is Go's job. A Pointer is built on sync/atomic, " +
			"whose operations are sequentially consistent: Assign is an atomic store, so every write made " +
			"before it happens before everything a reader does after a Dereference (an atomic load) that " +
			"sees the new value. A List publishes new elements the same way. There is no barrier to write by hand, and " +
			"since the Pointer's field is unexported there is no weaker load to pick by mistake.",
	},
	{
		Number: 5,
		Title:  "Callbacks do not block",
		Rule: "A function queued with Call or SRCU.Call runs after a grace period on one of rcuapi's " +
			"goroutines. Keep it short and free of waiting: no channel operations that can wait, no " +
			"sync.WaitGroup or sync.Cond waits, no sleeping, no network I/O, and no Synchronize or Barrier. " +
			"If the follow-up work has to block, let the callback start a goroutine, or hand the work to a " +
			"worker without waiting, and do it there.",
		Rationale: "In the default mode the callbacks of one batch run one after another on a single " +
			"goroutine, so a callback that blocks delays every callback queued with it, lets the backlog " +
			"grow, and holds up every Barrier, including the ones that a module's Exit and an SRCU's " +
			"Cleanup rely on. A callback that waits for something that is itself waiting on a Barrier " +
			"never finishes.",
		Checks: []string{"RCU3001", "RCU3002"},
		Runtime: "Nothing detects the blocking itself. It shows indirectly, as a Pending() count that " +
			"keeps rising and as Barrier calls that are slow to return.",
	},
	{
		Number: 6,
		Title:  "Grace-period waits block, and expedited ones are costly",
		Rule: "Synchronize, SynchronizeExpedited, CondSynchronize and Barrier, of classic RCU and of SRCU " +
			"domains, block until readers or callbacks finish, so call them only where the goroutine may " +
			"wait: never inside a read-side section of the same domain, and never inside a callback. Keep " +
			"SynchronizeExpedited for rare events such as a configuration change, and never call it once " +
			"per element in a loop: batch the updates and wait once, or retire each element with Call.",
		Rationale: "A goroutine that waits for a grace period from inside its own section waits for itself. " +
			"An expedited grace period finishes sooner by spending more CPU time polling for readers; " +
			"paying that once per element multiplies the cost, while a single grace period covers any " +
			"number of retired objects.",
		Checks: []string{"RCU1006", "RCU3002", "RCU4001"},
		Runtime: "A grace period that waits on its own caller's section never ends; it is reported as a " +
			"stall after the stall timeout and again after each further timeout (SetStallTimeout, " +
			"SetStallHandler).",
	},
	{
		Number: 7,
		Title:  "Readers and updaters use the same flavour and domain",
		Rule: "A grace period covers only the read-side sections of its own domain. Data read under the " +
			"classic ReadLock must be retired after a classic Synchronize or Call; data read under an " +
			"SRCU d must be retired after d.Synchronize or d.Call of that same d, not of another SRCU and " +
			"not of classic RCU. End every Section with the ReadUnlock of the domain that made it. Where the " +
			"pairing of a Pointer with its domain is not obvious, write it in a comment beside the Pointer.",
		Rationale: "A classic grace period does not wait for SRCU readers, and one SRCU's grace period does " +
			"not wait for another's. An updater that waits on the wrong domain can destroy an object that " +
			"readers are still using, and nothing in the program shows it.",
		Checks: []string{"RCU1004", "RCU5001"},
		Runtime: "ReadUnlock panics when given a Section made by another domain, and Modules panics on an " +
			"SRCU Section. Retiring with the wrong domain's grace period goes unnoticed at run time.",
	},
	{
		Number: 8,
		Title:  "The callback backlog is bounded",
		Rule: "Prefer Synchronize unless the updater cannot afford to wait: it is simpler, and it throttles " +
			"the updater by itself, since each update waits for a grace period. Call never waits, so code " +
			"that calls it repeatedly must bound the backlog itself: for example, check Pending (or " +
			"SRCU.Pending) and call Barrier, or fall back to Synchronize, above a limit; or limit the rate " +
			"of updates. Leaving it unbounded is acceptable only when updates are rare and come from a " +
			"trusted source.",
		Rationale: "Every queued callback keeps its closure, and all the closure captured, alive until it " +
			"runs. If grace periods slow down (a long reader, a loaded machine) while updates keep coming, " +
			"the backlog grows without limit, and memory and latency grow with it.",
		Checks: []string{"RCU4002"},
		Runtime: "Pending and SRCU.Pending report how many callbacks are queued or running; Barrier " +
			"waits until every callback queued before it has run.",
	},
	{
		Number: 9,
		Title:  "Every traversal is protected by a section or the update lock",
		Rule: "Every read of RCU-protected data, whether through Dereference, List.All or Modules, runs " +
			"inside a live section of the domain that protects the data, and passes that Section. Code that " +
			"runs as an updater under the update lock may read through Protected or AllProtected instead, " +
			"naming the lock it holds. Data that is only ever added to, and never removed or retired while " +
			"readers run, does not need RCU at all: a plain sync/atomic pointer is enough.",
		Rationale: "A traversal that neither a section nor the update lock protects can walk onto an " +
			"element that an updater has just removed and destroyed.",
		Checks: []string{"RCU1001", "RCU2005"},
		Runtime: "Dereference, List.All and Modules panic on the zero Section; Protected, Replace and " +
			"AllProtected panic when the lock they name is nil, or is a *sync.Mutex or *sync.RWMutex that " +
			"nobody holds.",
	},
	{
		Number: 10,
		Title:  "Readers use only RCU-safe list operations",
		Rule: "Inside a read-side section, without the update lock, walk a List only with All(s). Do not " +
			"keep data that readers traverse while it is being updated in container/list or in a linked " +
			"structure of your own: neither is safe against a concurrent update.",
		Rationale: "Ordinary list code assumes that nobody changes the links while it walks them. An RCU " +
			"list publishes new links atomically and leaves a removed element pointing onward, so that a " +
			"reader standing on it can carry on.",
		ByConstruction: "List offers only RCU-safe operations. Readers can traverse it only with All, which " +
			"loads every link atomically; the links themselves are unexported; and Remove keeps the removed " +
			"element's forward link, so a reader standing on it still reaches the rest of the list. There " +
			"is no unsafe variant to pick by mistake, so no static check is needed.",
	},
	{
		Number: 11,
		Title:  "Locks shared with callbacks and readers do not deadlock",
		Rule: "Go has no interrupt context, so the kernel's rule about locks taken in callbacks becomes a " +
			"rule about waiting: do not call Barrier while holding a lock that a callback of that domain " +
			"acquires, and do not call Synchronize or Barrier while holding a lock that a reader of that " +
			"domain acquires inside its section. Release the lock before waiting, or keep that lock out of " +
			"the callback or the section. Keep the critical sections of locks that callbacks take short.",
		Rationale: "Barrier waits for the callback, the callback waits for the lock, and the lock is held " +
			"by the goroutine in Barrier: nobody can move. The same cycle forms through a reader: the grace " +
			"period waits for the reader to leave its section, and the reader waits for the lock.",
		Checks: []string{"RCU3001", "RCU3003"},
		Runtime: "A reader stuck on such a lock holds up the grace period, which is reported as a stall " +
			"(SetStallTimeout, SetStallHandler).",
	},
	{
		Number: 12,
		Title:  "Callbacks may run in parallel",
		Rule: "Assume that any two callbacks, of the same domain or of different ones, can run at the same " +
			"time on different goroutines. A callback that touches shared state must synchronise it (a " +
			"mutex, sync/atomic, a channel) like any other goroutine. No static check can decide this: " +
			"it is a question of data races.",
		Rationale: "rcuapi runs each batch of callbacks on a goroutine of its own, so batches can overlap; " +
			"in parallel mode every callback gets a goroutine. Unsynchronised state shared by callbacks is " +
			"a data race.",
		Runtime: "SetCallbackMode(CallbackParallel) runs every callback on a goroutine of its own; run the " +
			"tests in that mode under go test -race to expose state that callbacks share without " +
			"synchronisation.",
	},
	{
		Number: 13,
		Title:  "Callbacks have no fixed goroutine or order",
		Rule: "Do not assume that a callback runs on the goroutine that queued it, in the order it was " +
			"queued, or one at a time with the callbacks queued beside it. If one piece of work must follow " +
			"another, do both in one callback, or let the first one queue the second. No static check can " +
			"decide whether code depends on order.",
		Rationale: "Callbacks run on rcuapi's own goroutines. The default mode happens to run a batch in " +
			"queueing order, but nothing promises that, and the other modes do not.",
		Runtime: "SetCallbackMode(CallbackShuffled) runs each batch in a random order, and " +
			"SetCallbackMode(CallbackParallel) runs all callbacks at once; run the tests in each mode " +
			"(under go test -race) to shake out hidden dependence on order.",
	},
	{
		Number: 14,
		Title:  "SRCU is used as intended",
		Rule: "Use an SRCU domain where readers must block, or where one component's slow readers must not " +
			"delay everybody else's updates; otherwise classic RCU, whose readers must not block, is the " +
			"simpler choice. End an SRCU Section with the ReadUnlock of the same SRCU, and retire data read " +
			"under d with d.Synchronize or d.Call. Before d.Cleanup, stop queueing callbacks on d and call " +
			"d.Barrier; after Cleanup, use d no more.",
		Rationale: "The domain is what makes blocking readers tolerable: a reader that blocks delays only " +
			"the grace periods of its own domain. Mixing domains, cleaning up with callbacks still queued, " +
			"or using a domain after its Cleanup breaks that bargain.",
		Checks: []string{"RCU1004", "RCU1005", "RCU6004", "RCU6005"},
		Runtime: "ReadUnlock panics on a Section made by another domain. Cleanup drops the callbacks still " +
			"queued, which never run, and returns an error wrapping ErrPendingCallbacks; it returns " +
			"ErrActiveReaders if readers are still inside. After Cleanup every use of the domain panics, " +
			"except ending sections that were already open.",
		ByConstruction: "The zero SRCU is ready to use, so the kernel's separate initialisation step cannot be forgotten.",
	},
	{
		Number: 15,
		Title:  "Unpublish, wait for a grace period, then destroy",
		Rule: "Before a destructive step on an old object (closing it, putting it back into a sync.Pool, " +
			"resetting it for reuse, tearing down what it owns), first remove every path by which readers " +
			"could reach it (Assign or Replace a new value, List.Remove, List.Replace), then wait for a grace " +
			"period of the readers' domain with Synchronize, or do the destructive step in a callback " +
			"queued with Call. Never in the other order, and never wait from inside a section of that " +
			"domain. An old object that is merely dropped needs no grace period: the garbage collector " +
			"keeps it alive for readers that still hold it.",
		Rationale: "A grace period waits only for readers that began before it. Destroying an object that " +
			"is still published lets new readers find it after the wait; destroying it before the grace " +
			"period hurts the readers that already hold it.",
		Checks:  []string{"RCU1006", "RCU2004", "RCU7004"},
		Runtime: "go test -race reports a recycled object being rewritten while a reader still reads it, when a test hits that window.",
	},
	{
		Number: 16,
		Title:  "Section boundaries are not memory barriers",
		Rule: "Do not use ReadLock or ReadUnlock to order ordinary memory accesses between goroutines: " +
			"rcuapi promises that a grace period waits for the section, not that entering or leaving it " +
			"orders other loads and stores. Order data shared outside the RCU-protected structure with sync " +
			"or sync/atomic, as the Go memory model requires. No static check can tell what ordering code " +
			"silently relies on.",
		Rationale: "Code that happens to be ordered by the atomics inside the current implementation can " +
			"break when the implementation changes, and it hides the real synchronisation from people and " +
			"tools reading the code.",
		Runtime: "go test -race reports accesses between goroutines that nothing orders. It treats " +
			"rcuapi's own atomics as real synchronisation, so it cannot flag code that leans on them.",
		ByConstruction: "The ordering that RCU itself needs is carried by the update side: the reader " +
			"counters are sync/atomic, so everything a reader does inside a section happens before the end " +
			"of any grace period that waited for it, and so before the updater's destructive step.",
	},
	{
		Number: 17,
		Title:  "Debugging aids are used",
		Rule: "Run rcuvet on the code (go vet -vettool=$(which rcuvet), or rcuvet ./...). Run the tests " +
			"with go test -race, and also under SetCallbackMode(CallbackShuffled) and " +
			"SetCallbackMode(CallbackParallel). In tests, set a short SetStallTimeout with a " +
			"SetStallHandler that fails the test, and treat ErrPendingCallbacks from Unload or Cleanup as " +
			"a bug. This item is about tooling; no single static check enforces it, rcuvet as a whole does.",
		Rationale: "RCU mistakes rarely fail fast: they surface under load, long after the code was " +
			"written, as a resource destroyed under a reader. Tools that check the rules mechanically find " +
			"them while they are cheap to fix.",
		Runtime: "rcuapi's cheap checks are always on: the zero Section, a Section ended on the wrong " +
			"domain, a lock named in Protected, Replace or AllProtected that nobody holds, any use of an " +
			"SRCU after its Cleanup, and Put without TryGet all panic. Beyond those: stall reports " +
			"(SetStallTimeout, SetStallHandler), the callback modes (SetCallbackMode), and the " +
			"ErrPendingCallbacks errors with which Unload and Cleanup report callbacks left behind.",
		ByConstruction: "The kernel's sparse __rcu annotation is the type system here: a Pointer's value " +
			"can be read only through Dereference, Protected or Access. The kernel's check for a callback " +
			"head queued twice has nothing to guard: Call takes a function value, not an embedded list " +
			"node, so calling it twice simply queues two callbacks.",
	},
	{
		Number: 18,
		Title:  "A module waits for its callbacks before it goes away",
		Rule: "If a Module's code, or code acting for it, queues callbacks with Call or SRCU.Call, the " +
			"module's Exit must first stop everything that could queue more (its timers, goroutines, and " +
			"hooks that other packages call), then call Barrier of every domain those callbacks went to: " +
			"rcuapi.Barrier for classic RCU, d.Barrier for each SRCU d. Synchronize is no substitute, since " +
			"a grace period does not wait for callbacks; Barrier does not wait for a grace period either, so " +
			"an Exit that also needs readers gone calls both. An SRCU domain owned by the module gets its " +
			"Barrier before its Cleanup. Counting callbacks in flight cannot replace Barrier: the count " +
			"reaches zero while the last callback is still running.",
		Rationale: "After Exit the module's state is torn down (files and channels closed, pools emptied), " +
			"and after Unload the module may be loaded again with fresh state. A callback left in the queue " +
			"then runs against state that no longer exists, or against the next instance's. Users of the " +
			"module are already excluded: Unload runs Exit only when no reference taken with TryGet " +
			"remains, and TryGet fails from then on.",
		Checks: []string{"RCU6001", "RCU6002", "RCU6003", "RCU6004"},
		Runtime: "After Exit returns, Unload drops the callbacks still queued whose function belongs to " +
			"the module's package, on classic RCU and every SRCU domain, and returns a " +
			"*PendingCallbacksError wrapping ErrPendingCallbacks; SRCU.Cleanup does the same for its " +
			"domain. Ownership is decided by the callback function's package, so a callback wrapped in " +
			"another package's closure escapes this net, and a callback already running cannot be dropped: " +
			"RCU6001 is the real defence.",
	},
}

// Checks are rcuvet's static checks, in id order.
var Checks = []Check{
	{
		ID:          "RCU1001",
		Items:       []int{2, 9},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Protected data read with a Section that is not live`,
			Text: `RCU1001 reports a read of RCU-protected data, with \'Dereference\', \'List.All\' or
\'Modules\', whose Section is not live at that point: the zero Section (also one that is zero only on
the paths that skipped a conditional \'ReadLock\'), a Section already passed to \'ReadUnlock\', or one
that \'ReadUnlock\' has ended on some path leading to the call. Two shapes
are reported at the \'ReadUnlock\' that causes them: ending, inside a loop over \'l.All(s)\',
\'m.Range(s)\' or \'Modules(s)\', the section the iterator walks under, when the loop may go on (the
iterator reads the next element under the ended section, whatever section the body begins again);
and a section of a QSBR handle begun while the handle is offline, which protects nothing.

A read protects nothing unless its section is still open. A grace period that starts after
\'ReadUnlock\' does not wait for this goroutine, so the updater may retire the object while it is being
read (checklist items 2 and 9). At run time only the zero Section is caught, by a panic; a Section that
has ended looks like any other.

Move the read before \'ReadUnlock\', or begin a new section for it. Pass the live Section down the call
chain, as you would a \'context.Context\', rather than keeping one in a variable that outlives it.`,
			Before: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Config struct{ Port int }

var current rcuapi.Pointer[Config]

func Port() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return current.Dereference(s).Port // s has already ended
}
`,
			After: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Config struct{ Port int }

var current rcuapi.Pointer[Config]

func Port() int {
	s := rcuapi.ReadLock()
	port := current.Dereference(s).Port
	rcuapi.ReadUnlock(s)
	return port
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU1002",
		Items:       []int{2},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Protected pointer used after its section ends`,
			Text: `RCU1002 reports a pointer obtained by \'Dereference\', or a pointer, slice, map or channel
reached through it, that is used after its section has ended, or that escapes the section while it is
open: stored in a global or a heap object (also through an \'atomic.Pointer\', an \'atomic.Value\' or a
\'sync.Map\'), returned, sent on a channel, or captured by a goroutine, without a reference having been
taken first. What is protected is decided by what a value aliases, not by its type: values copied
out (numbers, strings, \'netip\' addresses, \'time.Time\', types marked \'//rcu:value\'), fresh copies
(\'append\' to a new slice, \'slices.Clone\', \'maps.Clone\', a struct copy whose reference fields are
replaced), pointers used only as identities (compared, map keys, the expected value of a
\'CompareAndSwap\') and objects on which a reference was taken (\'TryGet\', or a method that takes one
with an atomic increment) are not reported. An escape by return is reported at the return that
returns the pointer.

The section is the only thing that keeps the updater from retiring the object. Once it ends, the
object may be closed, recycled or torn down at any moment (checklist item 2). The garbage collector
keeps the memory valid, so the bug does not crash: it shows up as a closed connection, a buffer that
now belongs to someone else, or a module that has already exited.

Finish the work inside the section, or copy out the values you need before \'ReadUnlock\', or take a
reference that keeps the object usable (for a \'Module\', \'TryGet\' before \'ReadUnlock\' and \'Put\'
when done). If the work inside the section has to block, protect the data with an SRCU domain
instead of classic RCU.`,
			Before: `
package example

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Backend struct{ conn net.Conn }

var (
	backends rcuapi.SRCU // readers of primary may block
	primary  rcuapi.Pointer[Backend]
)

func Send(msg []byte) error {
	s := backends.ReadLock()
	b := primary.Dereference(s)
	backends.ReadUnlock(s)
	_, err := b.conn.Write(msg) // b may be retired and its conn closed by now
	return err
}
`,
			After: `
package example

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Backend struct{ conn net.Conn }

var (
	backends rcuapi.SRCU // readers of primary may block
	primary  rcuapi.Pointer[Backend]
)

func Send(msg []byte) error {
	s := backends.ReadLock()
	defer backends.ReadUnlock(s)
	_, err := primary.Dereference(s).conn.Write(msg) // inside the section
	return err
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU1003",
		Items:       []int{2},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Read-side section not ended exactly once`,
			Text: `RCU1003 reports an unbalanced read-side section: a path on which a function returns, or
panics, without the \'ReadUnlock\' that matches its \'ReadLock\'; a Section ended twice; or a
\'ReadUnlock\' of a Section that no \'ReadLock\' made; and a \'ReadLock\' into a section variable whose
section is still open, which leaks that section (reported at that \'ReadLock\'). A loop that ends its
section around a blocking call and begins it again (\'ReadUnlock(s); block(); s = ReadLock()\') is
balanced.

A section that is never ended holds up every grace period of its domain for ever: \'Synchronize\'
never returns, callbacks never run and \'Barrier\' hangs, long after the goroutine that forgot it has
moved on. A second \'ReadUnlock\' decrements a reader count that may belong to another reader, so a
grace period can end while that reader is still inside (checklist item 2). rcuapi panics on the zero
Section and when a count drops below zero, but cannot catch every case.

Pair each \'ReadLock\' with exactly one \'ReadUnlock\' on every path. The simplest way is
\'defer ReadUnlock(s)\' right after \'ReadLock\'; when the section must end before the function does,
move it into a small function of its own.`,
			Before: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Table struct{ addrs map[string]string }

var table rcuapi.Pointer[Table]

func Lookup(name string) (string, bool) {
	s := rcuapi.ReadLock()
	t := table.Dereference(s)
	if t == nil {
		return "", false // returns with the section still open
	}
	addr, ok := t.addrs[name]
	rcuapi.ReadUnlock(s)
	return addr, ok
}
`,
			After: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Table struct{ addrs map[string]string }

var table rcuapi.Pointer[Table]

func Lookup(name string) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s) // ends the section on every path
	t := table.Dereference(s)
	if t == nil {
		return "", false
	}
	addr, ok := t.addrs[name]
	return addr, ok
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU1004",
		Items:       []int{7, 14},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Section ended on a different domain`,
			Text: `RCU1004 reports a \'ReadUnlock\' on a domain other than the one whose \'ReadLock\' made the
Section: an SRCU Section passed to \'rcuapi.ReadUnlock\', a classic Section passed to an SRCU's
\'ReadUnlock\', or a Section of one SRCU passed to another's.

Each domain counts its own readers. Ending a section on the wrong domain leaves the real section open,
so its domain's grace periods wait for ever (checklist items 7 and 14). rcuapi notices the mismatch
and panics, so the mistake ends the program the first time that path runs.

End each Section with the \'ReadUnlock\' of the domain that made it; writing
\'defer d.ReadUnlock(s)\' right after \'s := d.ReadLock()\' keeps the two together.`,
			Before: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Plugin struct{ name string }

var (
	plugins rcuapi.SRCU
	active  rcuapi.Pointer[Plugin]
)

func ActiveName() string {
	s := plugins.ReadLock()
	defer rcuapi.ReadUnlock(s) // classic ReadUnlock of an SRCU section
	return active.Dereference(s).name
}
`,
			After: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Plugin struct{ name string }

var (
	plugins rcuapi.SRCU
	active  rcuapi.Pointer[Plugin]
)

func ActiveName() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	return active.Dereference(s).name
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU1005",
		Items:       []int{2, 14},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Blocking inside a classic read-side section`,
			Text: `RCU1005 reports an operation that may block between \'ReadLock\' and \'ReadUnlock\' of classic
RCU, directly or in a function called there: a channel send or receive, or a \'select\', that can
wait; taking a \'sync.Mutex\' or \'sync.RWMutex\'; \'sync.WaitGroup.Wait\' or \'sync.Cond.Wait\';
\'time.Sleep\'; network and file I/O, \'os/exec\' waits and HTTP client calls; or a grace-period
wait or \'Barrier\' of an SRCU domain (a wait on classic RCU itself is RCU1006). A lock counts because
it waits for whoever holds it, and a holder that waits for a grace period deadlocks the program.
Calls through interfaces and function values whose target is unknown are not followed. The same
holds while a QSBR handle is online: from \'Register\' or \'Online\' to \'Offline\' or \'Unregister\', its
goroutine is one long read-side section, and blocking there without going \'Offline\' first is
reported too: outside the handle's sections a send or a mutex held for a moment is let through,
inside a section (\'r.ReadLock\' to \'r.ReadUnlock\') every block counts, as in a classic one.

Classic RCU is one domain for the whole program. While a classic reader is blocked, no classic grace
period can end: every \'Synchronize\' waits, callbacks pile up, and unrelated parts of the program stall
(checklist items 2 and 14). rcuapi reports such a section as a stall once the stall timeout passes.

Do the blocking work after the section, with values copied out or a reference taken, or make it
non-blocking. If readers really must block while they use the data, protect it with an SRCU domain
(readers and updaters alike), so that a slow reader delays only the updaters of that domain.`,
			Before: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

var listeners rcuapi.List[chan string]

func Notify(event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		e.Value <- event // waits while the listener is busy
	}
}
`,
			After: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

var listeners rcuapi.List[chan string]

func Notify(event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		select {
		case e.Value <- event:
		default: // the listener is busy: drop the event rather than block
		}
	}
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU1006",
		Items:       []int{6, 15},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Grace-period wait inside a section of the same domain`,
			Text: `RCU1006 reports \'Synchronize\', \'SynchronizeExpedited\', \'CondSynchronize\' or \'Barrier\' of a
domain, called while the same goroutine has a read-side section of that domain open, directly or in a
function it calls; and a wait on a QSBR domain, directly or one or more calls down, while a handle of
it that the function registered or was given may be online (not Offline or Unregistered since).

A grace period waits for every section that began before it, including the caller's own, and that
section cannot end until the wait returns: the goroutine deadlocks (checklist items 6 and 15).
\'Barrier\' deadlocks the same way while queued callbacks are still waiting for their grace period,
because that grace period waits for the caller's section. rcuapi reports the stuck grace period as a stall, again and again, but cannot break the cycle.

End the section before waiting. Update-side code needs no section: read the current value under the
update lock with \'Protected\', or compare pointers with \'Access\'. If the wait sits in a helper that
readers call, let the helper queue the work with \'Call\' instead.`,
			Before: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Logger struct{ f *os.File }

var (
	mu     sync.Mutex
	logger rcuapi.Pointer[Logger]
)

func Rotate(next *Logger) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if logger.Dereference(s) == next {
		return
	}
	mu.Lock()
	old := logger.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Synchronize() // waits for the section Rotate is still in
	old.f.Close()
}
`,
			After: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Logger struct{ f *os.File }

var (
	mu     sync.Mutex
	logger rcuapi.Pointer[Logger]
)

func Rotate(next *Logger) {
	mu.Lock()
	old := logger.Replace(next, &mu)
	mu.Unlock()
	if old == nil || old == next {
		return
	}
	rcuapi.Synchronize() // no section is open on this goroutine
	old.f.Close()
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU1007",
		Items:       []int{2},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Result of Access dereferenced`,
			Text: `RCU1007 reports a read through the pointer returned by \'Pointer.Access\': a field load, a call
of a method that reads through the pointer, or passing it on to code that does.

\'Access\' loads the pointer outside any section, for comparisons only: testing it against nil or
against another pointer. Nothing keeps the object from being retired while it is read through that
value (checklist item 2).

To read the object, load it with \'Dereference\' inside a read-side section, or with \'Protected\' while
holding the update lock.`,
			Before: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Config struct{ Port int }

var current rcuapi.Pointer[Config]

func Port() int {
	if cfg := current.Access(); cfg != nil {
		return cfg.Port // a read that no section protects
	}
	return 80
}
`,
			After: `
package example

import "github.com/rcuvet/rcuvet/rcuapi"

type Config struct{ Port int }

var current rcuapi.Pointer[Config]

func Port() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if cfg := current.Dereference(s); cfg != nil {
		return cfg.Port
	}
	return 80
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU2001",
		Items:       []int{4},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Object written after it was published`,
			Text: `RCU2001 reports a write to an object (a field assignment, an element store, a \'delete\', a call
of a function or method that writes into it, also in a closure or goroutine) made after the object was
published with \'Assign\', \'Replace\', or a List's \'PushFront\', \'PushBack\' or \'Replace\'. A
\'CompareAndSwap\' does not count as publishing: its retry loop may change the object after a failed
attempt.

Readers can load the new pointer the moment it is published. A write made after that races with them:
a reader may see the field's zero or earlier value, and under the Go memory model the program has a
data race (checklist item 4). Publishing orders only the writes that came before it.

Fill in every field first, then publish. To change an object that is already published, copy it,
change the copy, and publish the copy. When the publication is a statement of its own and the writes
that follow it in the same block only fill in the object, a suggested fix moves the publication after
them.`,
			Before: `
package example

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct {
	Addr    string
	Timeout time.Duration
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Config]
)

func Set(addr string, timeout time.Duration) {
	mu.Lock()
	defer mu.Unlock()
	cfg := &Config{Addr: addr}
	current.Assign(cfg)
	cfg.Timeout = timeout // readers may already see a zero Timeout
}
`,
			After: `
package example

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct {
	Addr    string
	Timeout time.Duration
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Config]
)

func Set(addr string, timeout time.Duration) {
	mu.Lock()
	defer mu.Unlock()
	cfg := &Config{Addr: addr, Timeout: timeout}
	current.Assign(cfg) // published complete
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU2002",
		Items:       []int{3},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `In-place write to data that readers can see`,
			Text: `RCU2002 reports a write through a pointer obtained by \'Dereference\' or from \'List.All\' (a field
assignment, a map or slice element store, a call of a method that modifies it): an update made in
place, in the very object that readers are looking at.

Readers run during updates. They can see the object half changed, a mixture of old and new fields,
and the write races with their loads; for a map, the Go runtime may abort the program (checklist
item 3). A read-side section keeps the object from going away, not from changing.

Update by copying: under the update lock, load the current version with \'Protected\', copy it, change
the copy, publish the copy with \'Assign\' or \'Replace\', and retire the old version after a grace period
if it owns anything. Writing through the result of \'Protected\' is just as visible to readers, since the
update lock keeps out other updaters, not readers. State that must change in place belongs behind
synchronisation that readers use as well.`,
			Before: `
package example

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct {
	Addr    string
	Timeout time.Duration
}

var current rcuapi.Pointer[Config]

func SetTimeout(d time.Duration) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	current.Dereference(s).Timeout = d // readers see the object change under them
}
`,
			After: `
package example

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct {
	Addr    string
	Timeout time.Duration
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Config]
)

func SetTimeout(d time.Duration) {
	mu.Lock()
	defer mu.Unlock()
	next := *current.Protected(&mu) // copy the current version
	next.Timeout = d
	current.Assign(&next) // publish the copy
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU2003",
		Items:       []int{1},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Updates without common mutual exclusion`,
			Text: `RCU2003 reports an update of a Pointer or a List (\'Assign\', \'Replace\', a List's \'PushFront\',
\'PushBack\', \'Remove\' or \'Replace\') that holds no lock in common with another update of the same
Pointer or List, when at least one of the two holds a lock: for example, one function publishes while
holding \'mu\' and another publishes holding no lock, or a different one. A Pointer is a package
variable or a struct field (every value of the struct type counts as the same Pointer). The locks of
an update are those its function holds there, those that every caller of the function holds when it
calls it (callers of the same package, called directly), and the lock that \'Replace\' names. Updates
made in the packages a package depends on count too; the finding is reported at the update of the
package being checked and names the other one.

RCU lets readers run without locks, never writers (checklist item 1). Two unsynchronised updaters that
each read the current version, copy it and publish their copy lose one of the changes; two that retire
the same old object destroy it twice. A List serialises its own link changes, but a sequence that
reads and then acts (find an element, then \'Remove\' or \'Replace\' it) still needs the updaters' lock.

Hold one lock across every update of the structure, including the read that the update depends on,
and name it in \'Protected\', \'Replace\' and \'AllProtected\'. The alternatives are a \'CompareAndSwap\'
retry loop, or confining every update to a single goroutine and saying so with the annotation
\'//rcu:single-updater\' in the doc comment of the function that updates, or of the variable or field.

Not reported, to stay precise: \'CompareAndSwap\'; updates in functions whose callers cannot all be
seen (called through a function value or an interface, or named \'...Locked\' by the convention that
the caller holds the lock); two updates that both hold no lock at all (a loader and a single reload
goroutine look like that); updates of a Pointer in an object that the function has just made (a
constructor); updates in \'init\' functions and in test files; an exported function's update paired with one under a lock that other packages can
take (an exported variable or field); and anything annotated \'//rcu:single-updater\'.`,
			Before: `
package example

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct{ Addr, Mode string }

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Config]
)

func SetAddr(addr string) {
	mu.Lock()
	defer mu.Unlock()
	next := *current.Protected(&mu)
	next.Addr = addr
	current.Assign(&next)
}

func Reset() {
	current.Assign(&Config{Mode: "default"}) // no lock: a concurrent SetAddr can undo it
}
`,
			After: `
package example

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct{ Addr, Mode string }

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Config]
)

func SetAddr(addr string) {
	mu.Lock()
	defer mu.Unlock()
	next := *current.Protected(&mu)
	next.Addr = addr
	current.Assign(&next)
}

func Reset() {
	mu.Lock()
	defer mu.Unlock()
	current.Assign(&Config{Mode: "default"})
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU2004",
		Items:       []int{15},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Old object destroyed before it was unpublished and a grace period elapsed`,
			Text: `RCU2004 reports a destructive operation on an old object before a grace period has elapsed since it
was unpublished, on some path through the function. The old object is the value that \'Replace\'
returns (or that a helper of any package returns after replacing it), an element given to a List's
\'Remove\' or \'Replace\' (or its \'Value\'), or a value read with \'Protected\' or \'Dereference\'
before an \'Assign\' or \'Replace\' of the same Pointer. Destroying such a value before that
\'Assign\' or \'Replace\', while it is still published, is reported as well. Destroying it
means: calling a method named \'Close\' on it (the object itself, not something reached from it),
putting it into a \'sync.Pool\', unloading it with \'rcuapi.Unload\', or passing it to a function whose
doc comment carries \'//rcu:destroy PARAM\' (mark your own \'Free\' or \'Recycle\' so) or that destroys
that parameter before any grace period itself (a helper, in any package). Changing it after it was
unpublished (a write into it, or a call of a function that writes into what it is given, such as a
\'Wipe\' of its keys) is reported too, unless RCU2002 already reports that write. A destroy that
runs only when a reference count it drops reaches zero (\'if u.refs.Add(-1) == 0 { u.conn.Close() }\')
drops a reference: the last user destroys.

A grace period waits only for readers that are already inside a section, so readers that loaded the
object before it was unpublished may still be using it until one has elapsed (checklist item 15).

Unpublish first, then wait with \'Synchronize\' of the readers' domain, then destroy; or unpublish and
queue the destruction with \'Call\'. Merely dropping the old object needs no grace period: the garbage
collector keeps it alive as long as a reader holds it. Any grace-period wait, or a call to a helper
that waits, counts here; whether it is the readers' domain is RCU5001's question. Work done in a
callback or in a goroutine is not counted as done here; a callback that destroys an object queued
before the object is unpublished is reported at its \'Call\'. A polled grace period (a cookie of
\'GetState\' or \'StartPoll\', waited for with \'CondSynchronize\' or found elapsed with \'PollState\')
covers only the objects unpublished before the cookie was taken.`,
			Before: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Logger struct{ f *os.File }

func (l *Logger) Close() error { return l.f.Close() }

var (
	mu     sync.Mutex
	logger rcuapi.Pointer[Logger]
)

func Rotate(next *Logger) {
	mu.Lock()
	old := logger.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		old.Close() // readers may still be writing to it
	}
}
`,
			After: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Logger struct{ f *os.File }

func (l *Logger) Close() error { return l.f.Close() }

var (
	mu     sync.Mutex
	logger rcuapi.Pointer[Logger]
)

func Rotate(next *Logger) {
	mu.Lock()
	old := logger.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Synchronize() // wait for the readers that may hold old
		old.Close()
	}
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU2005",
		Items:       []int{1, 9},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Protected or Replace without the named lock held`,
			Text: `RCU2005 reports a call of \'Pointer.Protected\', \'Pointer.Replace\' or \'List.AllProtected\' at a
point where the calling goroutine does not hold, on some path, the lock passed to it: it never takes
it there, or it released it on a path that goes on to the call (an early unlock that forgot to
return).

The lock argument is the claim that the caller is an updater that excludes the other updaters, which
is what makes reading without a section safe (checklist items 1 and 9). Without the lock, another
updater can replace and retire the object while this one reads it, and two updaters can lose each
other's changes. rcuapi panics when the named \'sync.Mutex\' or \'sync.RWMutex\' is held by nobody, but a
lock held by some other goroutine passes that run-time test.

Acquire the lock before the call and hold it until the update is published. For a \'sync.RWMutex\'
held for reading, pass \'rw.RLocker()\'.`,
			Before: `
package example

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct{ Addr string }

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Config]
)

func SetAddr(addr string) {
	next := *current.Protected(&mu) // mu is not held yet
	next.Addr = addr
	mu.Lock()
	current.Assign(&next)
	mu.Unlock()
}
`,
			After: `
package example

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct{ Addr string }

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Config]
)

func SetAddr(addr string) {
	mu.Lock()
	defer mu.Unlock()
	next := *current.Protected(&mu)
	next.Addr = addr
	current.Assign(&next)
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU3001",
		Items:       []int{5, 11},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Callback that may block`,
			Text: `RCU3001 reports a function queued with \'Call\' or \'SRCU.Call\' that may block, directly or through
the functions it calls: a channel send or receive, or a \'select\', that can wait;
\'sync.WaitGroup.Wait\' or \'sync.Cond.Wait\'; \'time.Sleep\'; network and file I/O, \'os/exec\'
waits and HTTP client calls. The message gives the chain of calls. Taking a \'sync.Mutex\' is not
reported: Go has no interrupt context, a callback may wait briefly for a lock it shares with other
goroutines (checklist item 12 asks it to), and a Barrier made while holding that lock is RCU3003.
Waiting for a grace period inside a callback is RCU3002. Both are reported inside the callback, at the
blocking operation (or at the call there that leads to it), once however many places queue the
callback, with the \'Call\' as a related position; a callback of another package is reported at the
\'Call\'.

Callbacks run on rcuapi's goroutines, and in the default mode the callbacks of one batch run one after
another. A callback that blocks delays every callback queued with it, lets the backlog that
\'Pending\' reports grow, and holds up every \'Barrier\', including those that a module's \'Exit\' and an
SRCU's \'Cleanup\' rely on (checklist item 5). If what it waits for is held by a goroutine that is
itself waiting in \'Barrier\', neither ever proceeds (item 11).

Keep callbacks short and non-blocking. When the follow-up work has to block, let the callback start a
goroutine for it, or hand it to a worker with a send that cannot wait.`,
			Before: `
package example

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Session struct{ conn net.Conn }

var goodbye = []byte("bye\n")

func retire(old *Session) {
	rcuapi.Call(func() {
		old.conn.Write(goodbye) // network I/O on the callback goroutine
		old.conn.Close()
	})
}
`,
			After: `
package example

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Session struct{ conn net.Conn }

var goodbye = []byte("bye\n")

func retire(old *Session) {
	rcuapi.Call(func() {
		go func() { // the blocking part runs on a goroutine of its own
			old.conn.Write(goodbye)
			old.conn.Close()
		}()
	})
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU3002",
		Items:       []int{5, 6},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Grace-period wait inside a callback`,
			Text: `RCU3002 reports \'Synchronize\', \'SynchronizeExpedited\', \'CondSynchronize\' or \'Barrier\', of any
domain, called from a function queued with \'Call\' or \'SRCU.Call\', directly or through the functions
it calls.

A callback already runs after a grace period. Waiting for another one inside it blocks the callback's
goroutine, and every callback queued behind it, for a whole grace period (checklist items 5 and 6).
\'Barrier\' is worse: a \'Barrier\' of the callback's own domain waits for the batch that contains the
callback itself, and never returns.

If more work must follow a further grace period, queue it with \'Call\' from the callback instead of
waiting. Often no second wait is needed at all, because the callback itself runs only after the grace
period it was queued for.`,
			Before: `
package example

import (
	"bytes"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Page struct{ buf *bytes.Buffer }

var (
	mu   sync.Mutex
	page rcuapi.Pointer[Page]
	bufs sync.Pool
)

// recycle returns old's buffer to the pool once no reader can hold it.
func recycle(old *Page) {
	rcuapi.Synchronize()
	bufs.Put(old.buf)
}

func Swap(next *Page) {
	mu.Lock()
	old := page.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { recycle(old) }) // recycle waits for a second grace period
	}
}
`,
			After: `
package example

import (
	"bytes"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Page struct{ buf *bytes.Buffer }

var (
	mu   sync.Mutex
	page rcuapi.Pointer[Page]
	bufs sync.Pool
)

func Swap(next *Page) {
	mu.Lock()
	old := page.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { bufs.Put(old.buf) }) // already runs after a grace period
	}
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU3003",
		Items:       []int{11},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Grace-period wait while holding a lock that a callback or reader takes`,
			Text: `RCU3003 reports \'Barrier\' called while holding a lock that a callback of the same domain
acquires, and \'Synchronize\' (any form) or \'Barrier\' called while holding a lock that a reader of the
same domain acquires inside its section.

These waits depend on other goroutines making progress. \'Barrier\' waits for the queued callbacks; if
one of them needs the lock that the waiter holds, neither can move. A grace period waits for readers
to leave their sections; a reader that waits inside its section for that same lock never leaves
(checklist item 11). \'Barrier\' depends on readers too, because queued callbacks first wait for their
grace period. \'Synchronize\' does not wait for callbacks, so a lock that only callbacks take may be held
across it.

Release the lock before waiting, or make sure callbacks and readers do not take a lock that the
updater holds while it waits. A common shape: publish under the lock, unlock, wait, then destroy.`,
			Before: `
package example

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu    sync.Mutex
	stats = map[string]int{}
)

// forget deletes name's statistics after a grace period.
func forget(name string) {
	rcuapi.Call(func() {
		mu.Lock()
		delete(stats, name)
		mu.Unlock()
	})
}

func Reset() {
	mu.Lock()
	defer mu.Unlock()
	rcuapi.Barrier() // waits for a callback that waits for mu
	clear(stats)
}
`,
			After: `
package example

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu    sync.Mutex
	stats = map[string]int{}
)

// forget deletes name's statistics after a grace period.
func forget(name string) {
	rcuapi.Call(func() {
		mu.Lock()
		delete(stats, name)
		mu.Unlock()
	})
}

func Reset() {
	rcuapi.Barrier() // wait for the queued callbacks before taking mu
	mu.Lock()
	defer mu.Unlock()
	clear(stats)
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU4001",
		Items:       []int{6},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `SynchronizeExpedited in a loop`,
			Text: `RCU4001 reports \'SynchronizeExpedited\', of classic RCU or of an SRCU domain, called inside a
loop.

An expedited grace period ends sooner because it spends more CPU time polling for readers. It is meant
for rare events; paying for one per iteration multiplies that cost by the number of elements and takes
CPU from the rest of the program, when a single grace period could have covered them all (checklist
item 6).

Batch the updates: unpublish every element in the loop, wait once after it (with \'Synchronize\', or
one \'SynchronizeExpedited\' if the latency matters), then destroy them. Or retire each element with
\'Call\', which lets one grace period serve many callbacks.`,
			Before: `
package example

import (
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu    sync.Mutex
	conns rcuapi.List[net.Conn]
)

func CloseMatching(match func(net.Conn) bool) {
	mu.Lock()
	defer mu.Unlock()
	for e := range conns.AllProtected(&mu) {
		if match(e.Value) {
			conns.Remove(e)
			rcuapi.SynchronizeExpedited() // one forced grace period per element
			e.Value.Close()
		}
	}
}
`,
			After: `
package example

import (
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu    sync.Mutex
	conns rcuapi.List[net.Conn]
)

func CloseMatching(match func(net.Conn) bool) {
	var closing []net.Conn
	mu.Lock()
	for e := range conns.AllProtected(&mu) {
		if match(e.Value) {
			conns.Remove(e)
			closing = append(closing, e.Value)
		}
	}
	mu.Unlock()
	rcuapi.Synchronize() // one grace period covers the whole batch
	for _, c := range closing {
		c.Close()
	}
}
`,
			Since:    since,
			Severity: lint.SeverityWarning,
		}),
	},
	{
		ID:          "RCU4002",
		Items:       []int{8},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Call in an unbounded loop with no limit on the backlog`,
			Text: `RCU4002 reports \'Call\' or \'SRCU.Call\' inside a loop with no evident bound (a \'for\' loop without
a condition, a range over a channel or over an iterator that is no collection's) when nothing in the
loop limits how many callbacks can be waiting: no check of \'Pending\', no \'Barrier\', no
\'Synchronize\', no tick of a clock (a loop paced by a \'time.Ticker\', a \'time.Timer\' or \'time.After\'
queues at most one callback per tick). Ranging over a List, a Map or a slice is bounded.

\'Call\' never waits. If grace periods slow down while the loop keeps queueing, the callbacks, and
everything their closures hold, accumulate without limit; memory and latency grow until the program
falls over (checklist item 8). \'Synchronize\' does not have this problem, because each update waits for
its own grace period.

Prefer \'Synchronize\' unless the updater cannot afford to wait. Otherwise bound the backlog: when
\'Pending\' passes a limit, call \'Barrier\' (or use \'Synchronize\' for this update), or limit the rate
of updates in a way the loop makes visible.`,
			Before: `
package example

import (
	"bytes"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Table struct{ buf *bytes.Buffer }

var (
	mu    sync.Mutex
	table rcuapi.Pointer[Table]
	bufs  sync.Pool
)

func Follow(updates <-chan *Table) {
	for next := range updates {
		mu.Lock()
		old := table.Replace(next, &mu)
		mu.Unlock()
		if old != nil {
			rcuapi.Call(func() { bufs.Put(old.buf) }) // nothing bounds the backlog
		}
	}
}
`,
			After: `
package example

import (
	"bytes"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Table struct{ buf *bytes.Buffer }

var (
	mu    sync.Mutex
	table rcuapi.Pointer[Table]
	bufs  sync.Pool
)

const maxPending = 1000

func Follow(updates <-chan *Table) {
	for next := range updates {
		mu.Lock()
		old := table.Replace(next, &mu)
		mu.Unlock()
		if rcuapi.Pending() > maxPending {
			rcuapi.Barrier() // let the backlog drain before queueing more
		}
		if old != nil {
			rcuapi.Call(func() { bufs.Put(old.buf) })
		}
	}
}
`,
			Since:    since,
			Severity: lint.SeverityWarning,
		}),
	},
	{
		ID:          "RCU5001",
		Items:       []int{7},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Pointer read under one domain, retired with another's grace period`,
			Text: `RCU5001 reports a Pointer or List whose readers dereference it in sections of one domain (classic
RCU or a particular SRCU) while an updater retires its old values after a grace period of other domains
only: after the update, the updater waits with those domains' \'Synchronize\' or queues the retirement
with their \'Call\' (directly or through a helper), and never with the readers' domain. Objects read by
both classic and SRCU readers and retired after only one kind of grace period have this shape (so did
CVE-2023-52447).

A grace period waits only for sections of its own domain. The classic \'Synchronize\' does not wait
for SRCU readers, and one SRCU's grace period does not wait for another's, so the updater may destroy
the object while its real readers are still using it (checklist item 7). Nothing notices at run time.

Retire with the grace period of every domain the readers use: \'d.Synchronize\' or \'d.Call\' for data
read under \'d.ReadLock\', and \'rcuapi.Synchronize\' or \'rcuapi.Call\' for data read under
\'rcuapi.ReadLock\'. Name the domain in a comment beside the Pointer.

The readers counted are those whose section's domain is known where they dereference, directly or
through a helper (of any package) that dereferences under the Section it is given; the updates counted are those that leave an old value (a \'Replace\' whose result is used,
\'Remove\', a List's \'Replace\', an \'Assign\' after reading the Pointer) and wait for a grace period of a
known domain afterwards in the same function (or after the loop that removes). Pointers in slices,
arrays and maps (\'shards[i]\') count as one per container; a callback queued with \'Call\' waits for
what it waits for or queues on itself (\'Call(func() { d.Call(free) })\' waits for both domains); a
QSBR reader's sections belong to the QSBR domain it was registered on. Readers and updaters may be
in different packages: the finding is reported in the package that sees both through its imports, at
the wait (or retiring \'Call\') that has the wrong flavour, with the update and a reader as related
positions (or, when only the reader is there, at the reader).`,
			Before: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Plugin struct{ f *os.File }

var (
	mu      sync.Mutex
	plugins rcuapi.SRCU // protects active; its readers may block
	active  rcuapi.Pointer[Plugin]
)

func Name() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	return active.Dereference(s).f.Name()
}

func Swap(next *Plugin) {
	mu.Lock()
	old := active.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Synchronize() // classic grace period: does not wait for plugins readers
		old.f.Close()
	}
}
`,
			After: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Plugin struct{ f *os.File }

var (
	mu      sync.Mutex
	plugins rcuapi.SRCU // protects active; its readers may block
	active  rcuapi.Pointer[Plugin]
)

func Name() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	return active.Dereference(s).f.Name()
}

func Swap(next *Plugin) {
	mu.Lock()
	old := active.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		plugins.Synchronize() // the grace period of the readers' domain
		old.f.Close()
	}
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU6001",
		Items:       []int{18},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Module Exit does not wait for the module's callbacks`,
			Text: `RCU6001 reports a \'Module\' whose \'Exit\' does not call \'Barrier\' for every domain on which
callbacks into the module can be queued: \'rcuapi.Barrier\' for callbacks queued with \'rcuapi.Call\',
\'d.Barrier\' for those queued with \'d.Call\'. That includes callbacks that other packages queue on the
module's behalf, for example through a helper that wraps the module's function in a closure of its own,
or a package that keeps the module's functions (in a map, slice or field) and queues them later.
A module with an \'Init\' but no \'Exit\', in a package that queues callbacks and sets no module's
\'Exit\', is reported where it is built.

Once \'Exit\' has torn the module's state down, a callback that was still queued runs against closed
files and channels, or against the state of the module's next load (checklist item 18). At run time,
\'Unload\' drops the callbacks still queued whose function belongs to the module's package and returns
an error wrapping \'ErrPendingCallbacks\'; a callback wrapped by another package escapes that net, and
one that is already running cannot be dropped.

In \'Exit\', first stop everything that can queue new callbacks (RCU6003), then call the \'Barrier\' of
each domain they were queued on, then tear down the state the callbacks use.`,
			Before: `
package example

import (
	"fmt"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rules struct{ deny []string }

var (
	mu    sync.Mutex
	rules rcuapi.Pointer[Rules]
	logf  *os.File // the module's log, closed by Exit
)

// Set is called by users holding a reference to Module.
func Set(next *Rules) {
	mu.Lock()
	rules.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { fmt.Fprintln(logf, "old rules retired") })
}

var Module = &rcuapi.Module{
	Name: "rules",
	Exit: func() { logf.Close() }, // queued callbacks still use logf
}
`,
			After: `
package example

import (
	"fmt"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rules struct{ deny []string }

var (
	mu    sync.Mutex
	rules rcuapi.Pointer[Rules]
	logf  *os.File // the module's log, closed by Exit
)

// Set is called by users holding a reference to Module.
func Set(next *Rules) {
	mu.Lock()
	rules.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { fmt.Fprintln(logf, "old rules retired") })
}

var Module = &rcuapi.Module{
	Name: "rules",
	Exit: func() {
		// Unload runs Exit only once no reference is held: Set cannot run now.
		rcuapi.Barrier() // wait for the callbacks Set queued
		logf.Close()
	},
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU6002",
		Items:       []int{18},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Synchronize used where Barrier is needed`,
			Text: `RCU6002 reports a module \'Exit\', or the code leading up to an SRCU \'Cleanup\', that calls
\'Synchronize\' of a domain on which callbacks were queued, but not that domain's \'Barrier\', as if the
grace period waited for the callbacks.

A grace period ends when the readers that began before it have left; it does not wait for callbacks.
Callbacks queued before \'Synchronize\' may still be queued, or running on another goroutine, when it
returns (checklist item 18). \'Barrier\' is the call that waits for them.

Call \'Barrier\'. It in turn does not wait for a grace period (with no callbacks queued it returns at
once), so if the code also needs readers to be gone, call \'Synchronize\' and then \'Barrier\'.`,
			Before: `
package example

import (
	"fmt"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Quota struct{ limit int }

var (
	mu    sync.Mutex
	quota rcuapi.Pointer[Quota]
	audit *os.File // the module's audit log, closed by Exit
)

// Set is called by users holding a reference to Module.
func Set(next *Quota) {
	mu.Lock()
	quota.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { fmt.Fprintf(audit, "quota now %d\n", next.limit) })
}

var Module = &rcuapi.Module{
	Name: "quota",
	Exit: func() {
		rcuapi.Synchronize() // a grace period: the callbacks may still be queued
		audit.Close()
	},
}
`,
			After: `
package example

import (
	"fmt"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Quota struct{ limit int }

var (
	mu    sync.Mutex
	quota rcuapi.Pointer[Quota]
	audit *os.File // the module's audit log, closed by Exit
)

// Set is called by users holding a reference to Module.
func Set(next *Quota) {
	mu.Lock()
	quota.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { fmt.Fprintf(audit, "quota now %d\n", next.limit) })
}

var Module = &rcuapi.Module{
	Name: "quota",
	Exit: func() {
		rcuapi.Barrier() // waits for the callbacks themselves
		audit.Close()
	},
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU6003",
		Items:       []int{18},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `Barrier before new callbacks are stopped`,
			Text: `RCU6003 reports a \'Barrier\' in a module's \'Exit\' that runs before the code that stops new
callbacks from being queued on its domain, with no \'Barrier\' of that domain after that code. What stops
them is read off the package's posting code (the functions that queue its callbacks, and the callbacks
that queue themselves again): closing a channel it receives from, setting a boolean flag it reads
(plain or \'atomic.Bool\'), stopping the \'time.Ticker\' or \'time.Timer\' that drives it, or waiting for
the \'sync.WaitGroup\' it marks done; in \'Exit\' itself or in a function of the package that \'Exit\'
calls. A deferred \'Barrier\' runs last and is the right order. A callback that queues itself again on
every path, with nothing it looks at that could stop it, is reported at the call that re-queues it:
no \'Exit\' can stop it, and no \'Barrier\' drains it.

\'Barrier\' waits only for the callbacks queued before it was called. Whatever the still-running source
queues after that is not waited for, and runs after the teardown (checklist item 18).

Stop the sources first, and make sure they have stopped (a flag checked under the same lock as the
\'Call\', or waiting for the goroutine to exit); then call \'Barrier\'.`,
			Before: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	session rcuapi.Pointer[string]
	logf    *os.File // the module's log, closed by Exit
)

// expire is run by the module's own timer.
func expire() {
	mu.Lock()
	defer mu.Unlock()
	if !stopped {
		session.Replace(nil, &mu)
		rcuapi.Call(func() { logf.WriteString("session expired\n") })
	}
}

var Module = &rcuapi.Module{
	Name: "sessions",
	Exit: func() {
		rcuapi.Barrier()
		mu.Lock()
		stopped = true // expire may have queued a callback after Barrier returned
		mu.Unlock()
		logf.Close()
	},
}
`,
			After: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	session rcuapi.Pointer[string]
	logf    *os.File // the module's log, closed by Exit
)

// expire is run by the module's own timer.
func expire() {
	mu.Lock()
	defer mu.Unlock()
	if !stopped {
		session.Replace(nil, &mu)
		rcuapi.Call(func() { logf.WriteString("session expired\n") })
	}
}

var Module = &rcuapi.Module{
	Name: "sessions",
	Exit: func() {
		mu.Lock()
		stopped = true // from here on, expire queues nothing
		mu.Unlock()
		rcuapi.Barrier() // so this waits for every callback it queued
		logf.Close()
	},
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU6004",
		Items:       []int{14, 18},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `SRCU Cleanup with callbacks possibly still queued`,
			Text: `RCU6004 reports an SRCU \'Cleanup\' that can run while callbacks queued on the domain with
\'d.Call\' have not finished, because no \'d.Barrier\' comes between the last \'d.Call\' and the
\'Cleanup\'. A deferred \'Cleanup\' runs when the function returns, after the Barriers made before
that and those deferred after it; an SRCU made inside a function (\'NewSRCU\' or a local variable, also
captured by closures, cleaned up by a deferred call or a deferred function literal) is followed in
that function, with callbacks queued on it directly or through helpers. Callbacks that a helper of any
package queues on the domain (its own function literals included) count: \'Cleanup\' drops them all.

\'Cleanup\' ends the domain's life. Callbacks still queued are dropped and never run, callbacks
already running are not waited for, and \'Cleanup\' returns an error wrapping \'ErrPendingCallbacks\'.
Whatever the dropped callbacks were to release (files to close, buffers to return, waiters to wake)
is never released (checklist items 14 and 18).

Stop queueing callbacks on the domain, call \'d.Barrier\', then \'d.Cleanup\'.`,
			Before: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Page struct{ f *os.File }

var (
	mu   sync.Mutex
	dom  rcuapi.SRCU // protects page; its readers may block
	page rcuapi.Pointer[Page]
)

func Swap(next *Page) {
	mu.Lock()
	old := page.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		dom.Call(func() { old.f.Close() })
	}
}

// Close is called after the last Swap.
func Close() error {
	return dom.Cleanup() // drops the queued callbacks: their files stay open
}
`,
			After: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Page struct{ f *os.File }

var (
	mu   sync.Mutex
	dom  rcuapi.SRCU // protects page; its readers may block
	page rcuapi.Pointer[Page]
)

func Swap(next *Page) {
	mu.Lock()
	old := page.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		dom.Call(func() { old.f.Close() })
	}
}

// Close is called after the last Swap.
func Close() error {
	dom.Barrier() // run the callbacks that Swap queued
	return dom.Cleanup()
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
	{
		ID:          "RCU6005",
		Items:       []int{14},
		Implemented: true,
		Doc: compile(lint.RawDocumentation{
			Title: `SRCU domain used after Cleanup`,
			Text: `RCU6005 reports a use of an SRCU domain (\'ReadLock\', \'Synchronize\', \'SynchronizeExpedited\',
\'Call\', \'Barrier\', \'Pending\', or a second \'Cleanup\') that can run after the domain's \'Cleanup\',
also through a function, of any package, that uses the domain it is given, and through a method that
uses (or cleans up) a domain in a field of its receiver (\'r.d.Cleanup()\', then \'r.Len()\'). A deferred
call that uses the domain runs after a \'Cleanup\' made before the function returns, or deferred after
it (deferred calls run last in, first out).

\'Cleanup\' ends the domain's life (checklist item 14). rcuapi panics on any later use; only sections
that were already open may still be ended with \'ReadUnlock\'.

Order the teardown so that \'Cleanup\' comes last: unpublish what readers could reach, wait with
\'d.Synchronize\', drain callbacks with \'d.Barrier\', release what is left, and only then call
\'d.Cleanup\'.`,
			Before: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Page struct{ f *os.File }

var (
	mu   sync.Mutex
	dom  rcuapi.SRCU // protects page; its readers may block
	page rcuapi.Pointer[Page]
)

func Close() error {
	dom.Barrier()
	err := dom.Cleanup()
	mu.Lock()
	old := page.Replace(nil, &mu)
	mu.Unlock()
	dom.Synchronize() // panics: dom was cleaned up above
	if old != nil {
		old.f.Close()
	}
	return err
}
`,
			After: `
package example

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Page struct{ f *os.File }

var (
	mu   sync.Mutex
	dom  rcuapi.SRCU // protects page; its readers may block
	page rcuapi.Pointer[Page]
)

func Close() error {
	mu.Lock()
	old := page.Replace(nil, &mu)
	mu.Unlock()
	dom.Synchronize() // readers that could hold old have left
	dom.Barrier()     // and the callbacks queued on dom have run
	if old != nil {
		old.f.Close()
	}
	return dom.Cleanup() // the last use of dom
}
`,
			Since:    since,
			Severity: lint.SeverityError,
		}),
	},
}

// compile is lint.RawDocumentation.Compile without its cost: Compile
// builds four strings.Replacers for every check, each call, which took
// about 2% of rcuvet's CPU under go vet (one process per package, and
// every process initialises the checklist). The result is the same
// (TestCompile).
func compile(doc lint.RawDocumentation) *lint.Documentation {
	return &lint.Documentation{
		Title:         strings.TrimSpace(plainText(doc.Title)),
		Text:          strings.TrimSpace(plainText(doc.Text)),
		TitleMarkdown: strings.TrimSpace(markdown(doc.Title)),
		TextMarkdown:  strings.TrimSpace(markdown(doc.Text)),
		Before:        strings.TrimSpace(doc.Before),
		After:         strings.TrimSpace(doc.After),
		Since:         doc.Since,
		NonDefault:    doc.NonDefault,
		Options:       doc.Options,
		Severity:      doc.Severity,
		MergeIf:       doc.MergeIf,
	}
}

// markdown turns the escapes of lint's documentation, \' and \", into
// code quotes.
func markdown(s string) string { return unescape(s, "`", "`") }

// plainText drops the escape \' and turns \" into a single quote.
func plainText(s string) string { return unescape(s, "", "'") }

// unescape replaces, in one pass from the left as a strings.Replacer does,
// each \' with squote and each \" with dquote.
func unescape(s, squote, dquote string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for ; i >= 0; i = strings.IndexByte(s, '\\') {
		b.WriteString(s[:i])
		switch {
		case i+1 < len(s) && s[i+1] == '\'':
			b.WriteString(squote)
			s = s[i+2:]
		case i+1 < len(s) && s[i+1] == '"':
			b.WriteString(dquote)
			s = s[i+2:]
		default:
			b.WriteByte('\\')
			s = s[i+1:]
		}
	}
	b.WriteString(s)
	return b.String()
}
