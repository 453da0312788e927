// Package apisem declares a user's own RCU wrapper with directives; the
// test checks the facts they become and the report of malformed ones.
package apisem

import "github.com/rcuvet/rcuvet/rcuapi"

// Domain wraps an SRCU domain.
type Domain struct{ d rcuapi.SRCU }

// Enter begins a section of d.
//
//rcu:acquire d
func (d *Domain) Enter() rcuapi.Section { return d.d.ReadLock() } // want Enter:`rcu:acquire\(domain=0,arg=-2\)`

// Leave ends section s of d.
//
//rcu:release d s
func (d *Domain) Leave(s rcuapi.Section) { d.d.ReadUnlock(s) } // want Leave:`rcu:release\(domain=0,arg=1\)`

// Wait waits for a grace period of d.
//
//rcu:sync d expedited
func (d *Domain) Wait() { d.d.SynchronizeExpedited() } // want Wait:`rcu:sync\(domain=0,arg=-2\)`

// Post queues fn on classic RCU.
//
//rcu:call classic fn
func Post(fn func()) { rcuapi.Call(fn) } // want Post:`rcu:call\(domain=-1,arg=0\)`

//rcu:release nowhere s // want `malformed directive //rcu:release nowhere s: domain "nowhere" is neither classic nor a parameter`
func badDomain(s rcuapi.Section) {}

//rcu:frobnicate // want `malformed directive //rcu:frobnicate: unknown kind "frobnicate"`
func badKind() {}

//rcu:deref // want `malformed directive //rcu:deref: deref takes 1 argument\(s\), got 0`
func badCount() {}
