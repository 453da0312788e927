// Case: an atomic.Value that may be "unset" stores a typed nil pointer, never an untyped nil, so every Store has one concrete type
// Source: idiom: google.golang.org/grpc@v1.85.0 clientconn.go ClientConn.retryThrottler (Store((*retryThrottler)(nil)) in the constructor and when the service config has no retry policy)
// Kind: idiom
// Pair: none

package itypednil

import "sync/atomic"

type retryThrottler struct {
	max    float64
	thresh float64
	ratio  float64
}

type serviceConfig struct {
	retryMax   float64
	retryRatio float64
}

// ClientConn is a client channel.
type ClientConn struct {
	retryThrottler atomic.Value // *retryThrottler, nil when retries are not throttled
}

func newClientConn() *ClientConn {
	cc := &ClientConn{}
	cc.retryThrottler.Store((*retryThrottler)(nil))
	return cc
}

// applyServiceConfig runs for each resolver update.
func (cc *ClientConn) applyServiceConfig(sc *serviceConfig) {
	if sc != nil && sc.retryMax > 0 {
		cc.retryThrottler.Store(&retryThrottler{max: sc.retryMax, thresh: sc.retryMax / 2, ratio: sc.retryRatio})
	} else {
		cc.retryThrottler.Store((*retryThrottler)(nil))
	}
}

// throttled is the read side, per retry attempt.
func (cc *ClientConn) throttled() bool {
	rt := cc.retryThrottler.Load().(*retryThrottler)
	return rt != nil && rt.thresh <= 0
}
