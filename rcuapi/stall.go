package rcuapi

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// Stall describes a grace period held up by a read-side section.
type Stall struct {
	Domain   string        // "rcu" for classic RCU, else the SRCU or QSBR domain's name
	Duration time.Duration // how long the grace period has waited so far
	// Holders names, for a QSBR domain, the reader handles that hold up
	// the grace period (online and not yet quiescent), each by the place
	// where it was registered. Nil for the other flavours.
	Holders []string
}

func (s Stall) String() string {
	if n := len(s.Holders); n > 0 {
		names := strings.Join(s.Holders[:min(n, 8)], ", ")
		if n > 8 {
			names += fmt.Sprintf(" and %d more", n-8)
		}
		return fmt.Sprintf("rcuapi: stall on QSBR domain %q: %d online reader handle(s) without a quiescent state have held up a grace period for %v (registered at %s); a goroutine that waits for a grace period while its own handle is online waits for itself",
			s.Domain, n, s.Duration.Round(time.Millisecond), names)
	}
	return fmt.Sprintf("rcuapi: stall on domain %q: a read-side section has held up a grace period for %v", s.Domain, s.Duration.Round(time.Millisecond))
}

// DefaultStallTimeout is how long a grace period waits for readers before
// the first stall warning.
const DefaultStallTimeout = 10 * time.Second

var (
	stallNanos   atomic.Int64
	stallHandler atomic.Pointer[func(Stall)]
)

func init() { stallNanos.Store(int64(DefaultStallTimeout)) }

func stallTimeout() time.Duration { return time.Duration(stallNanos.Load()) }

// SetStallTimeout sets how long a grace period may wait for readers before a
// stall is reported (and again after each further period of that length),
// and returns the previous timeout. Zero or less turns stall warnings off.
// A grace period already waiting keeps the timeout it started with until its
// next report.
func SetStallTimeout(d time.Duration) time.Duration {
	if d < 0 {
		d = 0
	}
	return time.Duration(stallNanos.Swap(int64(d)))
}

// SetStallHandler installs h to receive stall reports. The default (and
// h == nil) writes one line per report to standard error.
func SetStallHandler(h func(Stall)) {
	if h == nil {
		stallHandler.Store(nil)
		return
	}
	stallHandler.Store(&h)
}

func reportStall(s Stall) {
	if h := stallHandler.Load(); h != nil {
		(*h)(s)
		return
	}
	fmt.Fprintln(os.Stderr, s.String())
}
