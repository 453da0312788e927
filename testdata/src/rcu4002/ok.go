package rcu4002

import (
	"bufio"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okBounded queues one callback per element of a slice: bounded by it.
func okBounded(us []update) {
	for _, u := range us {
		rcuapi.Call(func() { _ = u })
	}
	for i := 0; i < 10; i++ {
		rcuapi.Call(func() {})
	}
}

// okStallOnPending stalls while too many callbacks wait.
func okStallOnPending(ch chan update) {
	for u := range ch {
		for rcuapi.Pending() > 1000 {
			rcuapi.Synchronize()
		}
		rcuapi.Call(func() { _ = u })
	}
}

// okBarrierEveryN waits for the queued callbacks now and then.
func okBarrierEveryN(next func() update) {
	for n := 0; ; n++ {
		u := next()
		dom.Call(func() { _ = u })
		if n%100 == 99 {
			dom.Barrier()
		}
	}
}

// okSynchronizeHelper limits the rate through a helper that waits.
func okSynchronizeHelper(ch chan update) {
	for u := range ch {
		rcuapi.Call(func() { _ = u })
		settle()
	}
}

func settle() { rcuapi.Synchronize() }

// okOnce queues once, outside any loop.
func okOnce(u update) {
	rcuapi.Call(func() { _ = u })
}

// okPerLineWithWait waits for a grace period now and then.
func okPerLineWithWait(sc *bufio.Scanner) {
	n := 0
	for sc.Scan() {
		line := sc.Text()
		rcuapi.Call(func() { _ = line })
		if n++; n%100 == 0 {
			rcuapi.Barrier()
		}
	}
}
