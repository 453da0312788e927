// Case: packet filter ends its section before it returns on cancellation from inside the rule walk
// Source: Documentation/RCU/checklist.rst item 2; kernel fixes titled "add missing rcu_read_unlock() in error path" (early exits added to a loop under rcu_read_lock())
// Kind: fixed
// Pair: rulematch

package rulematchfix

import (
	"context"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Verdict uint8

const (
	VerdictAccept Verdict = iota
	VerdictDrop
	VerdictReject
)

type Packet struct {
	Src, Dst netip.Addr
	DstPort  uint16
	Proto    uint8
}

type Rule struct {
	Src     netip.Prefix
	DstPort uint16
	Proto   uint8
	Verdict Verdict
}

func (r *Rule) matches(p Packet) bool {
	return r.Src.Contains(p.Src) && (r.DstPort == 0 || r.DstPort == p.DstPort) && (r.Proto == 0 || r.Proto == p.Proto)
}

type Filter struct {
	mu       sync.Mutex // serialises rule changes
	rules    rcuapi.List[*Rule]
	fallback atomic.Uint32 // Verdict when no rule matches
}

// Match returns the verdict of the first matching rule. Rule sets can be
// long, so a cancelled caller is let go early.
func (f *Filter) Match(ctx context.Context, p Packet) (Verdict, error) {
	s := rcuapi.ReadLock()
	n := 0
	for e := range f.rules.All(s) {
		n++
		if n%256 == 0 {
			select {
			case <-ctx.Done():
				rcuapi.ReadUnlock(s)
				return VerdictDrop, ctx.Err()
			default:
			}
		}
		if e.Value.matches(p) {
			v := e.Value.Verdict
			rcuapi.ReadUnlock(s)
			return v, nil
		}
	}
	rcuapi.ReadUnlock(s)
	return Verdict(f.fallback.Load()), nil
}

// Append adds a rule at the end. Rules are plain values; a removed rule is
// left to the garbage collector.
func (f *Filter) Append(r *Rule) {
	f.mu.Lock()
	f.rules.PushBack(r)
	f.mu.Unlock()
}
