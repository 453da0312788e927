// Case: a helper stores into the slot without locking because its callers hold the balancer mutex; another writer loads the old state only to decide whether to store the new one it was given
// Source: idiom: google.golang.org/grpc@v1.85.0 balancer/rls/child_policy.go childPolicyWrapper.lamify (callers hold lb.stateMu) and balancer/rls/balancer.go rlsBalancer.handleChildPolicyStateUpdate (stateMu held; LoadPointer, check, StorePointer of the argument)
// Kind: idiom
// Pair: none

package irlsstate

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// State is a child policy's connectivity state and picker.
type State struct {
	ConnectivityState string
	Err               error
}

type childPolicyWrapper struct {
	state unsafe.Pointer // *State, read by pickers without the lock
}

// lamify makes the child fail every pick. The caller holds b.stateMu.
func (c *childPolicyWrapper) lamify(err error) {
	atomic.StorePointer(&c.state, unsafe.Pointer(&State{ConnectivityState: "TRANSIENT_FAILURE", Err: err}))
}

type rlsBalancer struct {
	stateMu       sync.Mutex
	childPolicies map[string]*childPolicyWrapper
}

func (b *rlsBalancer) handleChildPolicyStateUpdate(id string, newState State) {
	b.stateMu.Lock()
	defer b.stateMu.Unlock()
	cpw := b.childPolicies[id]
	if cpw == nil {
		return
	}
	oldState := (*State)(atomic.LoadPointer(&cpw.state))
	if oldState.ConnectivityState == "TRANSIENT_FAILURE" && newState.ConnectivityState == "CONNECTING" {
		return
	}
	atomic.StorePointer(&cpw.state, unsafe.Pointer(&newState))
}

func (b *rlsBalancer) handleConfigError(id string, err error) {
	b.stateMu.Lock()
	defer b.stateMu.Unlock()
	if cpw := b.childPolicies[id]; cpw != nil {
		cpw.lamify(err)
	}
}

// pickState is the read side.
func (c *childPolicyWrapper) pickState() string {
	return (*State)(atomic.LoadPointer(&c.state)).ConnectivityState
}
