// Package rcu1007 holds the fixtures of RCU1007: the result of Access
// dereferenced. This file holds the shapes that must be reported; ok.go
// holds the correct idioms that must not be.
package rcu1007

import (
	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	port  int
	peers []string
	limit [4]int
}

// describe reads through c.
func (c *config) describe() int { return c.port }

// value reads a copy of c.
func (c config) value() int { return c.port }

var (
	cfg     rcuapi.Pointer[config] // classic RCU
	current rcuapi.Pointer[helpers.Config]
	wdom    = wrapper.New("rcu1007")
)

// fieldRead reads a field through the result of Access.
func fieldRead() int {
	return cfg.Access().port // want `RCU1007: a pointer obtained with Access is dereferenced; Access is for comparing the pointer only`
}

// fieldReadAfterNilCheck reads a field through the result of Access after testing it against nil.
func fieldReadAfterNilCheck() int {
	if c := cfg.Access(); c != nil {
		return c.port // want `RCU1007: a pointer obtained with Access is dereferenced`
	}
	return 80
}

// methodCalled calls a pointer-receiver method on the result of Access.
func methodCalled() int {
	return cfg.Access().describe() // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// valueMethodCalled calls a value-receiver method on the result of Access, copying the object through it.
func valueMethodCalled() int {
	return cfg.Access().value() // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// wholeObjectCopied copies the object through the result of Access.
func wholeObjectCopied() config {
	return *cfg.Access() // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// sliceFieldIndexed indexes a slice reached through the result of Access.
func sliceFieldIndexed() string {
	c := cfg.Access()
	return c.peers[0] // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// arrayFieldIndexed indexes an array field through the result of Access.
func arrayFieldIndexed(i int) int {
	return cfg.Access().limit[i] // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// fieldWritten writes a field through the result of Access.
func fieldWritten() {
	cfg.Access().port = 0 // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// passedToReader passes the result of Access to a function of another package that reads through it.
func passedToReader() string {
	return helpers.Show(current.Access()) // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// wrapperAccessRead reads a field through a wrapper's access getter.
func wrapperAccessRead() int {
	return wdom.Peek().Port // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// wrapperAccessMethod calls a method through a wrapper's access getter.
func wrapperAccessMethod() string {
	return wdom.Peek().Describe() // want `RCU1007: a pointer obtained with Access is dereferenced`
}

// readAfterPhi reads through a pointer that comes from Access on one path.
func readAfterPhi(fresh bool, s rcuapi.Section) int {
	var c *config
	if fresh {
		c = cfg.Dereference(s)
	} else {
		c = cfg.Access()
	}
	return c.port // want `RCU1007: a pointer obtained with Access is dereferenced`
}
