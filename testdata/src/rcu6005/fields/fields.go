// Package fields holds RCU6005 fixtures where the domain lives in a field
// of an object and its methods use it: a method called after the Cleanup
// uses the domain as surely as a direct call.
package fields

import (
	"log"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type registry struct {
	d     *rcuapi.SRCU
	names rcuapi.Pointer[[]string]
}

// Len reads under the registry's domain.
func (r *registry) Len() int {
	s := r.d.ReadLock()
	defer r.d.ReadUnlock(s)
	if p := r.names.Dereference(s); p != nil {
		return len(*p)
	}
	return 0
}

func (r *registry) waitReaders() { r.d.Synchronize() }

func (r *registry) release() {
	if err := r.d.Cleanup(); err != nil {
		log.Print(err)
	}
}

func (r *registry) closeThenCount() int {
	r.d.Synchronize()
	r.d.Cleanup()
	return r.Len() // want `RCU6005: Len of the SRCU domain r.d after its Cleanup`
}

func (r *registry) releaseThenWait() {
	r.release()
	r.waitReaders() // want `RCU6005: waitReaders of the SRCU domain r.d after its Cleanup`
}

func quiesce(d *rcuapi.SRCU) { d.Synchronize() }

type server struct{ dom rcuapi.SRCU }

func (s *server) stopDeferredWrongOrder() {
	defer quiesce(&s.dom) // want `RCU6005: quiesce of the SRCU domain s.dom runs after its Cleanup: deferred calls run last in, first out`
	defer s.dom.Cleanup()
}

// Correct orders.

func (r *registry) countThenClose() int {
	n := r.Len()
	r.d.Synchronize()
	r.d.Cleanup()
	return n
}

func (s *server) stopDeferredRightOrder() {
	defer s.dom.Cleanup()
	defer quiesce(&s.dom)
}
