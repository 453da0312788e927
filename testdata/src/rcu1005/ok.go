package rcu1005

import (
	"sync"
	"sync/atomic"
	"time"

	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	flag  atomic.Bool
	bufs  sync.Pool
	ready = sync.NewCond(&mu)
)

// okBlockAfterUnlock copies what it needs, ends the section, then blocks.
func okBlockAfterUnlock() {
	s := rcuapi.ReadLock()
	c := *cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	updates <- c
	time.Sleep(time.Millisecond)
	mu.Lock()
	mu.Unlock()
}

// okSelectWithDefault sends only if the channel has room, inside the section.
func okSelectWithDefault() bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	select {
	case queue <- *cfg.Dereference(s):
		return true
	default:
		return false
	}
}

// okReceiveWithDefault polls a channel inside the section.
func okReceiveWithDefault(done <-chan struct{}) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	select {
	case <-done:
		return 0
	default:
		return cfg.Dereference(s).port
	}
}

// okNotifyDropsWhenBusy is the checklist's good example: drop the event rather than block.
func okNotifyDropsWhenBusy(event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		select {
		case e.Value <- event:
		default:
		}
	}
}

// okCrossPackageNotify calls a helper of another package whose send cannot wait.
func okCrossPackageNotify() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		helpers.Notify(e.Value, "changed")
	}
}

// okSRCUSectionBlocks blocks inside an SRCU section, whose readers may block.
func okSRCUSectionBlocks(done <-chan struct{}) int {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	mu.Lock()
	defer mu.Unlock()
	time.Sleep(time.Millisecond)
	helpers.SleepVia()
	<-done
	updates <- *srcuCfg.Dereference(s)
	return srcuCfg.Dereference(s).port
}

// okSRCUSynchronizeOtherDomainInSRCUSection waits for domain B's grace period inside a section of domain A.
func okSRCUSynchronizeOtherDomainInSRCUSection() int {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	other.Synchronize()
	return srcuCfg.Dereference(s).port
}

// okWrapperSRCUSectionBlocks blocks inside a section of an SRCU wrapper.
func okWrapperSRCUSectionBlocks() int {
	s := wdom.ReadLock()
	defer wdom.ReadUnlock(s)
	helpers.CountHit()
	return wdom.Config(s).Port
}

// okGoroutineBlocks starts goroutines that block; the section itself does not wait for them.
func okGoroutineBlocks(done chan<- int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	port := cfg.Dereference(s).port
	go func() {
		time.Sleep(time.Millisecond)
		done <- port
	}()
	go helpers.Sleep(time.Millisecond)
	go wg.Wait()
}

// okCrossPackageNotifyAsync calls a helper of another package that hands its send to a goroutine of its own.
func okCrossPackageNotifyAsync(ch chan<- string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.NotifyAsync(ch, cfg.Dereference(s).name)
}

// okCrossPackageSleepAsync calls a helper of another package that sleeps on a goroutine of its own.
func okCrossPackageSleepAsync() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.SleepAsync(time.Millisecond)
	return cfg.Dereference(s).port
}

// okNonBlockingSyncOps uses sync operations that never wait.
func okNonBlockingSyncOps(done chan struct{}) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if mu.TryLock() {
		mu.Unlock()
	}
	if rw.TryRLock() {
		rw.RUnlock()
	}
	wg.Add(1)
	wg.Done()
	ready.Signal()
	ready.Broadcast()
	flag.Store(true)
	close(done)
	counter.Reset()
	helpers.Touch()
	if b := bufs.Get(); b != nil {
		bufs.Put(b)
	}
	return cfg.Dereference(s).port + len(queue) + cap(queue)
}

// okRCUCallsThatNeverBlock queues a callback, polls grace periods and counts callbacks inside the section.
func okRCUCallsThatNeverBlock(done chan<- struct{}) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	st := rcuapi.StartPoll()
	_ = rcuapi.GetState()
	rcuapi.Call(func() { close(done) })
	return rcuapi.PollState(st) && rcuapi.Pending() > cfg.Dereference(s).port && listeners.Len() > 0
}

// okTakeReferenceInSection takes a reference to a module inside the section: TryGet never blocks.
func okTakeReferenceInSection(name string) *rcuapi.Module {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for m := range rcuapi.Modules(s) {
		if m.Name == name && m.TryGet() {
			return m
		}
	}
	return nil
}

// okSRCUNestedInClassicWithoutBlocking opens and ends an SRCU section inside a classic one; neither blocks.
func okSRCUNestedInClassicWithoutBlocking() int {
	outer := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(outer)
	inner := dom.ReadLock()
	n := srcuCfg.Dereference(inner).port
	dom.ReadUnlock(inner)
	return n + cfg.Dereference(outer).port
}

// okCallbackQueuedInSectionBlocksLater queues a callback that blocks: it runs after a grace period, outside the section.
func okCallbackQueuedInSectionBlocksLater() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := *cfg.Dereference(s)
	rcuapi.Call(func() { updates <- c })
}

// okClosureCreatedInSectionRunAfter creates a blocking closure inside the section and runs it after ReadUnlock.
func okClosureCreatedInSectionRunAfter() {
	s := rcuapi.ReadLock()
	c := *cfg.Dereference(s)
	send := func() { updates <- c }
	rcuapi.ReadUnlock(s)
	send()
	send()
}

// okDeferredWaitRegisteredBeforeSection defers a wait before the section begins, so it runs after the deferred ReadUnlock.
func okDeferredWaitRegisteredBeforeSection() int {
	defer wg.Wait()
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port
}

// okDeferredClosureRegisteredBeforeSection defers a locking closure before the section begins, so it runs after the deferred ReadUnlock.
func okDeferredClosureRegisteredBeforeSection() int {
	defer func() {
		mu.Lock()
		mu.Unlock()
	}()
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port
}

// okDeferredClosureAfterExplicitUnlock defers a blocking closure in a function whose section ends before it returns.
func okDeferredClosureAfterExplicitUnlock() int {
	defer func() { wg.Wait() }()
	s := rcuapi.ReadLock()
	p := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	return p
}

// okBlockBetweenSectionsInLoop waits between the sections of a polling loop.
func okBlockBetweenSectionsInLoop(tick <-chan time.Time, out chan<- int) {
	for range tick {
		s := rcuapi.ReadLock()
		p := cfg.Dereference(s).port
		rcuapi.ReadUnlock(s)
		out <- p
	}
}

// okBlockAfterHelperEnds blocks after a helper of another package ended the section.
func okBlockAfterHelperEnds() int {
	s := helpers.Begin()
	p := helpers.Port(s)
	helpers.End(s)
	time.Sleep(time.Millisecond)
	return p
}

// okMutexAroundSection takes the mutex before the section and releases it after.
func okMutexAroundSection() int {
	mu.Lock()
	defer mu.Unlock()
	s := rcuapi.ReadLock()
	p := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	return p
}

// okHelperInsideOwnSection calls a helper of another package that reads under a section of its own without blocking.
func okHelperInsideOwnSection() int {
	mu.Lock()
	defer mu.Unlock()
	return helpers.PortInSection()
}
