// Package rcu4002 holds callbacks queued in unbounded loops with nothing
// that limits the backlog.
package rcu4002

import (
	"bufio"
	"iter"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type update struct{ key string }

var dom rcuapi.SRCU

// forever queues a callback per update in a loop with no condition.
func forever(next func() update) {
	for {
		u := next()
		rcuapi.Call(func() { _ = u }) // want `RCU4002: Call in a loop with no condition \(at rcu4002.go:\d+\) with nothing in it that limits the backlog`
	}
}

// fromChannel queues a callback per value received.
func fromChannel(ch chan update) {
	for u := range ch {
		rcuapi.Call(func() { _ = u }) // want `RCU4002: Call in a loop over a channel \(at rcu4002.go:\d+\)`
	}
}

// fromIterator queues a callback per value an iterator yields.
func fromIterator(seq iter.Seq[update]) {
	for u := range seq {
		dom.Call(func() { _ = u }) // want `RCU4002: Call in a loop over an iterator \(at rcu4002.go:\d+\)`
	}
}

// nested queues in a bounded loop inside an unbounded one.
func nested(ch chan []update) {
	for batch := range ch {
		for _, u := range batch {
			rcuapi.Call(func() { _ = u }) // want `RCU4002: Call in a loop over a channel \(at rcu4002.go:\d+\)`
		}
	}
}

// callPerLine queues a callback per line of input, however many come.
func callPerLine(sc *bufio.Scanner) {
	for sc.Scan() {
		line := sc.Text()
		rcuapi.Call(func() { _ = line }) // want `RCU4002: Call in a loop over a stream of input \(Scanner\.Scan\)`
	}
}
