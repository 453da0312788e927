// Package rcu3001 holds the fixtures of RCU3001: a callback queued with Call
// that may block. This file holds the shapes that must be reported; ok.go
// holds the correct idioms that must not be, and other.go the shapes that
// belong to another check.
package rcu3001

import (
	"database/sql"
	"net"
	"os"
	"sync"
	"time"

	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	conn net.Conn
	log  *os.File
	done chan struct{}
}

var (
	mu      sync.Mutex // guards retired
	retired int
	wg      sync.WaitGroup
	events  = make(chan string)     // unbuffered
	backlog = make(chan string, 64) // buffered
	dom     rcuapi.SRCU
	goodbye = []byte("bye\n")
	counter helpers.Counter
)

// literalSends queues a function literal that sends on an unbuffered channel.
func literalSends() {
	rcuapi.Call(func() { events <- "retired" }) // want `RCU3001: the callback \(a function literal\) may block: it sends on a channel; callbacks run on the runtime's goroutines and hold up the callbacks behind them`
}

// literalSendsBuffered queues a function literal that sends on a buffered channel, which waits when the buffer is full.
func literalSendsBuffered() {
	rcuapi.Call(func() { backlog <- "retired" }) // want `RCU3001: the callback \(a function literal\) may block: it sends on a channel`
}

// literalReceives queues a function literal that waits for a channel.
func literalReceives(old *session) {
	rcuapi.Call(func() {
		<-old.done // want `RCU3001: the callback \(a function literal\) may block: it receives from a channel`
		old.log.Close()
	})
}

// literalRangesOverChannel queues a function literal that drains a channel.
func literalRangesOverChannel(in <-chan string) {
	rcuapi.Call(func() {
		for range in { // want `RCU3001: the callback \(a function literal\) may block: it ranges over a channel`
		}
	})
}

// literalSelectsWithoutDefault queues a function literal that waits in a select.
func literalSelectsWithoutDefault(a, b <-chan string) {
	rcuapi.Call(func() {
		select { // want `RCU3001: the callback \(a function literal\) may block: it waits in a select without a default case`
		case <-a:
		case <-b:
		}
	})
}

// literalSleeps queues a function literal that sleeps.
func literalSleeps() {
	rcuapi.Call(func() { time.Sleep(time.Millisecond) }) // want `RCU3001: the callback \(a function literal\) may block: it calls time.Sleep`
}

// okLiteralLocks queues a function literal that takes a mutex, briefly:
// a callback may wait for that (a mutex held across a Barrier is
// RCU3003's).
func okLiteralLocks() {
	rcuapi.Call(func() {
		mu.Lock()
		retired++
		mu.Unlock()
	})
}

// literalWritesFile queues a function literal that writes to a file.
func literalWritesFile(old *session) {
	rcuapi.Call(func() {
		old.log.Write(goodbye) // want `RCU3001: the callback \(a function literal\) may block: it calls os.File.Write`
		old.log.Close()
	})
}

// literalWritesConn is the checklist's example: network I/O through a net.Conn on the callback goroutine.
func literalWritesConn(old *session) {
	rcuapi.Call(func() {
		old.conn.Write(goodbye) // want `RCU3001: the callback \(a function literal\) may block: it calls net.Conn.Write`
		old.conn.Close()
	})
}

// literalWritesTCPConn queues a function literal that writes to a concrete TCP connection.
func literalWritesTCPConn(c *net.TCPConn) {
	rcuapi.Call(func() { c.Write(goodbye) }) // want `RCU3001: the callback \(a function literal\) may block: it calls net\.\w+\.Write \(network I/O\)`
}

// literalInClosureVariable queues a function literal held in a variable.
func literalInClosureVariable(old *session) {
	fn := func() { <-old.done } // want `RCU3001: the callback \(a function literal\) may block: it receives from a channel`
	rcuapi.Call(fn)
}

// backOff sleeps.
func backOff() { time.Sleep(10 * time.Millisecond) } // want `RCU3001: callback backOff may block: it calls time.Sleep`

// retryLater blocks through backOff.
func retryLater() { backOff() } // want `RCU3001: callback retryLater may block: it calls backOff, which calls time.Sleep`

// funcValueSleeps queues a function of this package that sleeps.
func funcValueSleeps() {
	rcuapi.Call(backOff)
}

// funcValueChain queues a function of this package that sleeps through another.
func funcValueChain() {
	rcuapi.Call(retryLater)
}

// literalCallsHelper queues a function literal that calls a function of this package that sleeps.
func literalCallsHelper() {
	rcuapi.Call(func() { retryLater() }) // want `RCU3001: the callback \(a function literal\) may block: it calls retryLater, which calls backOff, which calls time.Sleep`
}

// crossPackageFuncValue queues a function of another package that sleeps through another.
func crossPackageFuncValue() {
	rcuapi.Call(helpers.SleepVia) // want `RCU3001: callback SleepVia may block: it calls Sleep, which calls time.Sleep`
}

// crossPackageInLiteral queues a function literal that calls a helper of another package that sleeps after taking a mutex.
func crossPackageInLiteral() {
	rcuapi.Call(func() { helpers.FlushHits() }) // want `RCU3001: the callback \(a function literal\) may block: it calls FlushHits, which calls time.Sleep`
}

// okCrossPackageInLiteral calls a helper of another package that only takes a mutex.
func okCrossPackageInLiteral() {
	rcuapi.Call(func() { helpers.CountHit() })
}

// crossPackageMethodValue queues a method value of another package's type whose method sends on a channel.
func crossPackageMethodValue(sp *helpers.Spooler) {
	rcuapi.Call(sp.Flush) // want `RCU3001: callback Flush may block: it sends on a channel`
}

// okCrossPackageMethodValue queues a method value whose method takes a mutex.
func okCrossPackageMethodValue() {
	rcuapi.Call(counter.Incr)
}

// crossPackageBackOff queues a function literal that calls a helper whose select has a default case that sleeps.
func crossPackageBackOff() {
	rcuapi.Call(func() { helpers.SendOrBackOff(backlog, "retired") }) // want `RCU3001: the callback \(a function literal\) may block: it calls SendOrBackOff, which calls time.Sleep`
}

// tracker counts retirements under a mutex of its own.
type tracker struct {
	mu sync.Mutex
	n  int
}

// retire counts under the mutex.
func (t *tracker) retire() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

// retireSlowly counts, then waits.
func (t *tracker) retireSlowly() {
	t.retire()
	time.Sleep(time.Millisecond) // want `RCU3001: callback retireSlowly may block: it calls time.Sleep`
}

// okMethodValue queues a method value whose method takes a mutex.
func okMethodValue(t *tracker) {
	rcuapi.Call(t.retire)
}

// methodValue queues a method value whose method sleeps.
func methodValue(t *tracker) {
	rcuapi.Call(t.retireSlowly)
}

// okStdMethodValueLock queues the Lock method of a sync.Mutex.
func okStdMethodValueLock() {
	rcuapi.Call(mu.Lock)
}

// stdMethodValueWait queues the Wait method of a sync.WaitGroup.
func stdMethodValueWait() {
	rcuapi.Call(wg.Wait) // want `RCU3001: callback Wait may block: it calls sync.WaitGroup.Wait`
}

// drainAll waits for every value of a channel of any type.
func drainAll[T any]() {
	var ch chan T
	for range ch { // want `RCU3001: callback drainAll may block: it ranges over a channel`
	}
}

// genericInstance queues an instance of a generic function that ranges over a channel.
func genericInstance() {
	rcuapi.Call(drainAll[int])
}

// srcuCallback queues a function literal that sleeps on an SRCU domain.
func srcuCallback() {
	dom.Call(func() { time.Sleep(time.Millisecond) }) // want `RCU3001: the callback \(a function literal\) may block: it calls time.Sleep`
}

// srcuCallbackFuncValue queues a function of another package that sleeps on an SRCU domain.
func srcuCallbackFuncValue() {
	dom.Call(helpers.FlushHits) // want `RCU3001: callback FlushHits may block: it calls time.Sleep`
}

// literalBlocksInNestedCall queues a function literal that calls, at once, another literal that sleeps.
func literalBlocksInNestedCall() {
	rcuapi.Call(func() {
		func() { time.Sleep(time.Millisecond) }() // want `RCU3001: the callback \(a function literal\) may block: it calls a function literal that calls time.Sleep`
	})
}

// literalDefersWait queues a function literal that waits in a deferred call.
func literalDefersWait() {
	rcuapi.Call(func() {
		defer wg.Wait() // want `RCU3001: the callback \(a function literal\) may block: it calls sync.WaitGroup.Wait`
		retired++
	})
}

// literalSynchronizesThenSleeps queues a function literal that waits for a grace period and then sleeps: the sleep is RCU3001's, the wait RCU3002's.
func literalSynchronizesThenSleeps() {
	rcuapi.Call(func() {
		rcuapi.Synchronize()
		time.Sleep(time.Millisecond) // want `RCU3001: the callback \(a function literal\) may block: it calls time.Sleep`
	})
}

// closeDBInCallback closes a replaced database handle in the callback:
// DB.Close waits for the queries that have started.
var tenants rcuapi.Pointer[sql.DB]

func rotateDB(next *sql.DB) {
	old := tenants.Replace(next, rcuapi.SingleUpdater)
	rcuapi.Call(func() {
		old.Close() // want `RCU3001: the callback \(a function literal\) may block: it calls database/sql\.DB\.Close`
	})
}
