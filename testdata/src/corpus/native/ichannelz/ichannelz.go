// Case: atomic.Pointer fields used as plain handles: each Store takes the address of a fresh local; CopyFrom stores one object's loaded values into another object's slots
// Source: idiom: google.golang.org/grpc@v1.85.0 internal/channelz/channel.go ChannelMetrics (State, Target, CopyFrom) and clientconn.go (ChannelMetrics.State.Store(&state), Target.Store(&addr.Addr))
// Kind: idiom
// Pair: none

package ichannelz

import "sync/atomic"

// State is a connectivity state.
type State int

// ChannelMetrics holds the current state and target of a channel.
type ChannelMetrics struct {
	State        atomic.Pointer[State]
	Target       atomic.Pointer[string]
	CallsStarted atomic.Int64
}

// CopyFrom copies the metrics in o to c.
func (c *ChannelMetrics) CopyFrom(o *ChannelMetrics) {
	c.State.Store(o.State.Load())
	c.Target.Store(o.Target.Load())
	c.CallsStarted.Store(o.CallsStarted.Load())
}

type addrConn struct {
	metrics ChannelMetrics
}

func (ac *addrConn) updateConnectivityState(s State) {
	ac.metrics.State.Store(&s)
}

func (ac *addrConn) tryAddr(addr string) {
	ac.metrics.Target.Store(&addr)
}

// snapshot is the read side, from the channelz service.
func (ac *addrConn) snapshot() (State, string) {
	var s State
	var t string
	if p := ac.metrics.State.Load(); p != nil {
		s = *p
	}
	if p := ac.metrics.Target.Load(); p != nil {
		t = *p
	}
	return s, t
}
