// Package rcu1005 holds the fixtures of RCU1005: something that may block
// inside a classic read-side section. This file holds the shapes that must
// be reported; ok.go holds the correct idioms that must not be, and other.go
// the shapes that belong to another check.
package rcu1005

import (
	"context"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	port int
	name string
}

var (
	cfg       rcuapi.Pointer[config]    // classic RCU
	listeners rcuapi.List[chan string]  // classic RCU
	dom       rcuapi.SRCU               // protects srcuCfg
	other     = rcuapi.NewSRCU("other") // protects nothing here
	srcuCfg   rcuapi.Pointer[config]    // dom
	logs      rcuapi.Pointer[os.File]   // classic RCU
	hooks     rcuapi.List[func()]       // classic RCU
	updates   = make(chan config)       // unbuffered
	queue     = make(chan config, 64)   // buffered
	mu        sync.Mutex                // serialises something unrelated
	rw        sync.RWMutex              // likewise
	wg        sync.WaitGroup            // likewise
	wdom      = wrapper.New("rcu1005")  // SRCU, through a wrapper
	counter   helpers.Counter           // counts under a mutex
)

// sendInSection sends on an unbuffered channel inside the section.
func sendInSection() {
	s := rcuapi.ReadLock()
	updates <- *cfg.Dereference(s) // want `RCU1005: sends on a channel inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU; a classic reader must not block`
	rcuapi.ReadUnlock(s)
}

// bufferedSendInSection sends on a buffered channel, which waits when the buffer is full.
func bufferedSendInSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	queue <- *cfg.Dereference(s) // want `RCU1005: sends on a channel inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
}

// receiveInSection receives from a channel inside the section.
func receiveInSection(done <-chan struct{}) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	<-done // want `RCU1005: receives from a channel inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// receiveCtxDoneInSection waits for a context inside the section.
func receiveCtxDoneInSection(ctx context.Context) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := cfg.Dereference(s).port
	<-ctx.Done() // want `RCU1005: receives from a channel inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return p
}

// rangeOverChannelInSection ranges over a channel inside the section.
func rangeOverChannelInSection(in <-chan int) (n int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for v := range in { // want `RCU1005: receives from a channel inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
		n += v * cfg.Dereference(s).port
	}
	return n
}

// selectWithoutDefaultInSection waits in a select that has no default case.
func selectWithoutDefaultInSection(a <-chan int, b chan<- int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	select { // want `RCU1005: waits in a select without a default case inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	case v := <-a:
		_ = v + cfg.Dereference(s).port
	case b <- cfg.Dereference(s).port:
	}
}

// sleepInSection sleeps inside the section.
func sleepInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	time.Sleep(time.Millisecond) // want `RCU1005: calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// mutexInSection takes a sync.Mutex inside the section.
func mutexInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	mu.Lock() // want `RCU1005: calls sync.Mutex.Lock inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	defer mu.Unlock()
	return cfg.Dereference(s).port
}

// readLockInSection takes a sync.RWMutex for reading inside the section.
func readLockInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rw.RLock() // want `RCU1005: calls sync.RWMutex.RLock inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	defer rw.RUnlock()
	return cfg.Dereference(s).port
}

// waitGroupInSection waits for a WaitGroup inside the section.
func waitGroupInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	wg.Wait() // want `RCU1005: calls sync.WaitGroup.Wait inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// condWaitInSection waits on a sync.Cond inside the section, its lock taken before the section.
func condWaitInSection(c *sync.Cond, ready *bool) int {
	c.L.Lock()
	defer c.L.Unlock()
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for !*ready {
		c.Wait() // want `RCU1005: calls sync.Cond.Wait inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	}
	return cfg.Dereference(s).port
}

// fileWriteInSection writes to a file inside the section.
func fileWriteInSection() error {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_, err := logs.Dereference(s).WriteString("hello\n") // want `RCU1005: calls os.File.WriteString inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return err
}

// httpGetInSection makes an HTTP request inside the section.
func httpGetInSection() error {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	resp, err := http.Get(cfg.Dereference(s).name) // want `RCU1005: calls net/http.Get inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// dialInSection dials the network inside the section.
func dialInSection() (net.Conn, error) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return net.Dial("tcp", cfg.Dereference(s).name) // want `RCU1005: calls net.Dial \(network I/O\) inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
}

// backOff sleeps: callers inside a section block.
func backOff() { time.Sleep(10 * time.Millisecond) }

// retryLater blocks through backOff.
func retryLater() { backOff() }

// samePackageHelperInSection calls a helper of this package that sleeps.
func samePackageHelperInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	backOff() // want `RCU1005: calls backOff, which calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// samePackageChainInSection calls a helper that sleeps two calls down.
func samePackageChainInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	retryLater() // want `RCU1005: calls retryLater, which calls backOff, which calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// crossPackageSleepInSection calls a helper of another package that sleeps.
func crossPackageSleepInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.Sleep(time.Second) // want `RCU1005: calls Sleep, which calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// crossPackageChainInSection calls a helper of another package that sleeps through another helper.
func crossPackageChainInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.SleepVia() // want `RCU1005: calls SleepVia, which calls Sleep, which calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// crossPackageMutexInSection calls a helper of another package that takes a mutex.
func crossPackageMutexInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.CountHit() // want `RCU1005: calls CountHit, which calls sync.Mutex.Lock inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// crossPackageMethodInSection calls a method of another package that takes a mutex.
func crossPackageMethodInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	counter.Incr() // want `RCU1005: calls Incr, which calls sync.Mutex.Lock inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// crossPackageBackOffInSection calls a helper whose select has a default case that sleeps.
func crossPackageBackOffInSection(ch chan<- string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.SendOrBackOff(ch, cfg.Dereference(s).name) // want `RCU1005: calls SendOrBackOff, which calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+`
}

// stats counts under a mutex of its own.
type stats struct {
	mu   sync.Mutex
	hits int
}

// hit counts under the mutex.
func (st *stats) hit() {
	st.mu.Lock()
	st.hits++
	st.mu.Unlock()
}

// methodInSection calls a method of this package that takes a mutex.
func methodInSection(st *stats) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	st.hit() // want `RCU1005: calls hit, which calls sync.Mutex.Lock inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// methodValueInSection calls a method value that takes a mutex.
func methodValueInSection() int {
	lock := mu.Lock
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	lock() // want `RCU1005: calls sync.Mutex.Lock inside the section begun by ReadLock at rcu1005.go:\d+`
	defer mu.Unlock()
	return cfg.Dereference(s).port
}

// waitAll waits for a group, whatever it counts.
func waitAll[T any](g *sync.WaitGroup, _ T) { g.Wait() }

// genericHelperInSection calls an instance of a generic helper that waits.
func genericHelperInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	waitAll(&wg, 0) // want `RCU1005: calls waitAll, which calls sync.WaitGroup.Wait inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// closureInSection blocks in a function literal called at once inside the section.
func closureInSection(done chan<- int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	func() {
		done <- cfg.Dereference(s).port // want `RCU1005: sends on a channel inside the section begun by ReadLock at rcu1005.go:\d+`
	}()
}

// notifyInListRange sends to every listener from the body of a range over the list (the checklist's example).
func notifyInListRange(event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		e.Value <- event // want `RCU1005: sends on a channel inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	}
}

// hookCallsInListRange calls a helper that sleeps from the body of a range over the list.
func hookCallsInListRange() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range hooks.All(s) {
		if e.Value == nil {
			helpers.Sleep(time.Millisecond) // want `RCU1005: calls Sleep, which calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+`
		}
	}
}

// srcuSynchronizeInClassicSection waits for a grace period of an SRCU domain inside a classic section.
func srcuSynchronizeInClassicSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	dom.Synchronize() // want `RCU1005: calls Synchronize, which waits for a grace period inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// srcuExpeditedInClassicSection waits for an expedited grace period of an SRCU domain inside a classic section.
func srcuExpeditedInClassicSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	other.SynchronizeExpedited() // want `RCU1005: calls SynchronizeExpedited, which waits for a grace period inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// srcuBarrierInClassicSection waits for the callbacks of an SRCU domain inside a classic section.
func srcuBarrierInClassicSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	dom.Barrier() // want `RCU1005: calls Barrier, which waits for callbacks inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return cfg.Dereference(s).port
}

// srcuSynchronizeViaHelperInClassicSection waits for an SRCU grace period through a helper of another package.
func srcuSynchronizeViaHelperInClassicSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.WaitDomain(&dom) // want `RCU1005: calls WaitDomain, which calls Synchronize, which waits for a grace period inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// blockInSRCUNestedInClassic blocks in an SRCU section that is nested in a classic one, which is still open.
func blockInSRCUNestedInClassic() int {
	outer := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(outer)
	inner := dom.ReadLock()
	defer dom.ReadUnlock(inner)
	time.Sleep(time.Millisecond) // want `RCU1005: calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+ of classic RCU`
	return srcuCfg.Dereference(inner).port + cfg.Dereference(outer).port
}

// blockInHelperSection blocks in a classic section that a helper of another package began.
func blockInHelperSection() int {
	s := helpers.Begin()
	defer helpers.End(s)
	mu.Lock() // want `RCU1005: calls sync.Mutex.Lock inside the section begun by Begin at rcu1005.go:\d+ of classic RCU`
	defer mu.Unlock()
	return helpers.Port(s)
}

// blockInWrapperSection blocks in a classic section that a wrapper with directives began.
func blockInWrapperSection() {
	s := wrapper.Enter()
	<-time.After(time.Millisecond) // want `RCU1005: receives from a channel inside the section begun by Enter at rcu1005.go:\d+ of classic RCU`
	wrapper.Exit(s)
}

// blockWhileOpenOnSomePaths sleeps where one path has ended the section and the other has not.
func blockWhileOpenOnSomePaths(early bool) int {
	s := rcuapi.ReadLock()
	p := cfg.Dereference(s).port
	if early {
		rcuapi.ReadUnlock(s)
	}
	time.Sleep(time.Millisecond) // want `RCU1005: calls time.Sleep inside the section begun by ReadLock at rcu1005.go:\d+`
	if !early {
		rcuapi.ReadUnlock(s)
	}
	return p
}

// deferredWaitRunsBeforeUnlock defers a wait after the deferred ReadUnlock, so the wait runs first.
func deferredWaitRunsBeforeUnlock() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	defer wg.Wait() // want `RCU1005: calls sync.WaitGroup.Wait inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// deferredClosureBlocksBeforeUnlock defers a closure that locks after the deferred ReadUnlock, so it runs first.
func deferredClosureBlocksBeforeUnlock() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	defer func() {
		mu.Lock() // want `RCU1005: calls sync.Mutex.Lock inside the section begun by ReadLock at rcu1005.go:\d+`
		mu.Unlock()
	}()
	return cfg.Dereference(s).port
}

// blockInSecondSection blocks in the second of two sections of one function.
func blockInSecondSection() int {
	s := rcuapi.ReadLock()
	a := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	s = rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	updates <- config{port: a} // want `RCU1005: sends on a channel inside the section begun by ReadLock at rcu1005.go:\d+`
	return cfg.Dereference(s).port
}

// emptySelectInSection blocks forever in an empty select inside the section.
func emptySelectInSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_ = cfg.Dereference(s)
	select {} // want `RCU1005: waits in a select without a default case inside the section begun by ReadLock at rcu1005.go:\d+`
}
