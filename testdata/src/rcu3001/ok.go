package rcu3001

import (
	"bytes"
	"sync"
	"sync/atomic"
	"time"

	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ buf *bytes.Buffer }

var (
	bufs     sync.Pool
	count    atomic.Int64
	cond     = sync.NewCond(&mu)
	freed    = make(chan *page, 1)
	pageMu   sync.Mutex // serialises the updaters of current
	current  rcuapi.Pointer[page]
	reclaims int
)

// okRecycle is the checklist's good example for RCU3002: the callback only returns a buffer to a pool.
func okRecycle(next *page) {
	pageMu.Lock()
	old := current.Replace(next, &pageMu)
	pageMu.Unlock()
	if old != nil {
		rcuapi.Call(func() { bufs.Put(old.buf) })
	}
}

// okGoroutineForBlockingWork is the checklist's good example: the callback starts a goroutine for the blocking part.
func okGoroutineForBlockingWork(old *session) {
	rcuapi.Call(func() {
		go func() {
			old.log.Write(goodbye)
			old.log.Close()
		}()
	})
}

// okGoroutineForLock starts a goroutine that takes the lock, from the callback.
func okGoroutineForLock() {
	rcuapi.Call(func() {
		go func() {
			mu.Lock()
			retired++
			mu.Unlock()
		}()
	})
}

// okGoStatementInCallback starts a goroutine that sleeps, from the callback, with a go statement on a named function.
func okGoStatementInCallback() {
	rcuapi.Call(func() { go backOff() })
}

// okCrossPackageAsync queues a callback that calls helpers of another package that hand the blocking part to a goroutine of their own.
func okCrossPackageAsync() {
	rcuapi.Call(func() { helpers.NotifyAsync(events, "retired") })
}

// okCrossPackageSleepAsync queues a helper of another package that sleeps on a goroutine of its own.
func okCrossPackageSleepAsync() {
	rcuapi.Call(func() { helpers.SleepAsync(time.Millisecond) })
}

// okSelectWithDefault sends only if there is room, from the callback.
func okSelectWithDefault(old *page) {
	rcuapi.Call(func() {
		select {
		case freed <- old:
		default:
		}
	})
}

// okCrossPackageNotify queues a callback that calls a helper of another package whose send cannot wait.
func okCrossPackageNotify() {
	rcuapi.Call(func() { helpers.Notify(events, "retired") })
}

// okSignalCompletion signals waiters without waiting itself.
func okSignalCompletion(done chan struct{}) {
	wg.Add(1)
	rcuapi.Call(func() {
		defer wg.Done()
		count.Add(1)
		cond.Broadcast()
		close(done)
	})
}

// okTryLock takes the lock only if it is free.
func okTryLock() {
	rcuapi.Call(func() {
		if mu.TryLock() {
			retired++
			mu.Unlock()
		}
	})
}

// okChainedCall queues a further callback from the callback; Call never waits.
func okChainedCall(old *page) {
	rcuapi.Call(func() {
		rcuapi.Call(func() { bufs.Put(old.buf) })
	})
}

// okPollFromCallback starts and polls a grace period from the callback without waiting.
func okPollFromCallback() {
	rcuapi.Call(func() {
		st := rcuapi.StartPoll()
		if rcuapi.PollState(st) {
			count.Add(1)
		}
	})
}

// okBlockingBeforeQueueing blocks in the function that queues the callback, not in the callback.
func okBlockingBeforeQueueing(old *page) {
	mu.Lock()
	reclaims++
	mu.Unlock()
	time.Sleep(time.Millisecond)
	rcuapi.Call(func() { bufs.Put(old.buf) })
}

// okBlockingClosureOnlyCreated creates a blocking function literal in the callback and hands it on without running it.
func okBlockingClosureOnlyCreated(work chan<- func()) {
	rcuapi.Call(func() {
		select {
		case work <- func() { time.Sleep(time.Millisecond) }:
		default:
		}
	})
}

// okNonBlockingFuncValue queues a function of another package that only bumps a counter.
func okNonBlockingFuncValue() {
	rcuapi.Call(helpers.Touch)
}

// okNonBlockingMethodValue queues a method value of another package whose method never blocks.
func okNonBlockingMethodValue() {
	rcuapi.Call(counter.Reset)
}

// bump only counts.
func (t *tracker) bump() { count.Add(1) }

// okNonBlockingOwnMethodValue queues a method value of this package whose method never blocks.
func okNonBlockingOwnMethodValue(t *tracker) {
	rcuapi.Call(t.bump)
}

// okSRCUCallback queues a non-blocking callback on an SRCU domain.
func okSRCUCallback(old *page) {
	dom.Call(func() { bufs.Put(old.buf) })
}
