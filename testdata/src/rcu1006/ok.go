package rcu1006

import (
	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okRotateWithoutSection is the checklist's good example: the updater needs no section, and waits with none open.
func okRotateWithoutSection(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	if old == nil || old == next {
		return
	}
	rcuapi.Synchronize()
	old.f.Close()
}

// okSynchronizeAfterUnlock ends the section before it waits.
func okSynchronizeAfterUnlock(next *logger) {
	s := rcuapi.ReadLock()
	same := current.Dereference(s) == next
	rcuapi.ReadUnlock(s)
	if !same {
		rcuapi.Synchronize()
		rcuapi.Barrier()
	}
}

// okSRCUSynchronizeOtherDomain waits for domain B's grace period inside a section of domain A.
func okSRCUSynchronizeOtherDomain() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	other.Synchronize()
	other.Barrier()
	cfgDomain.SynchronizeExpedited()
	return active.Dereference(s).name
}

// okClassicSynchronizeInSRCUSection waits for a classic grace period inside an SRCU section, which it does not wait for.
func okClassicSynchronizeInSRCUSection() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	rcuapi.Synchronize()
	return active.Dereference(s).name
}

// okClassicSynchronizeInWrapperSRCUSection waits for a classic grace period inside a section of an SRCU wrapper.
func okClassicSynchronizeInWrapperSRCUSection() int {
	s := wdom.ReadLock()
	defer wdom.ReadUnlock(s)
	helpers.WaitReaders()
	return wdom.Config(s).Port
}

// okOtherFieldDomain waits for the grace period of one SRCU field inside a section of another field.
func (srv *server) okOtherFieldDomain() {
	s := srv.reads.ReadLock()
	defer srv.reads.ReadUnlock(s)
	srv.writes.Synchronize()
}

// okOtherParameterDomain waits for the grace period of one SRCU parameter inside a section of another.
func okOtherParameterDomain(a, b *rcuapi.SRCU) {
	s := a.ReadLock()
	defer a.ReadUnlock(s)
	b.Synchronize()
}

// okSynchronizeInGoroutine waits on other goroutines, which wait for the section to end instead of deadlocking.
func okSynchronizeInGoroutine(done chan<- struct{}) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	go rcuapi.Synchronize()
	go func() {
		rcuapi.Synchronize()
		close(done)
	}()
	go helpers.WaitReaders()
}

// okSynchronizeAfterHelperEnds waits after a helper of another package ended the section.
func okSynchronizeAfterHelperEnds() {
	s := helpers.Begin()
	_ = helpers.Port(s)
	helpers.End(s)
	rcuapi.Synchronize()
}

// okSynchronizeAfterClosureSection waits after a function literal's own section has ended.
func okSynchronizeAfterClosureSection() {
	port := func() int {
		s := rcuapi.ReadLock()
		defer rcuapi.ReadUnlock(s)
		return helpers.Port(s)
	}()
	if port != 0 {
		rcuapi.Synchronize()
	}
}

// okSynchronizeBetweenSectionsInLoop waits between the sections of a loop.
func okSynchronizeBetweenSectionsInLoop(n int) {
	for range n {
		s := rcuapi.ReadLock()
		stale := current.Dereference(s) == nil
		rcuapi.ReadUnlock(s)
		if stale {
			rcuapi.Synchronize()
		}
	}
}

// okDeferredSynchronizeRegisteredBeforeSection defers Synchronize before the section begins, so it runs after the deferred ReadUnlock.
func okDeferredSynchronizeRegisteredBeforeSection() {
	defer rcuapi.Synchronize()
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_ = current.Dereference(s)
}

// okDeferredClosureRegisteredBeforeSection defers a waiting closure before the section begins, so it runs after the deferred ReadUnlock.
func okDeferredClosureRegisteredBeforeSection() {
	defer func() { rcuapi.Synchronize() }()
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_ = current.Dereference(s)
}

// okPollInsteadOfWait polls for a grace period inside the section instead of waiting for one.
func okPollInsteadOfWait(st rcuapi.GPState) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_ = current.Dereference(s)
	return rcuapi.PollState(st)
}

// okCallInsteadOfWait queues the retirement from inside the section instead of waiting for it.
func okCallInsteadOfWait(old *logger) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if current.Dereference(s) != old {
		rcuapi.Call(func() { old.f.Close() })
	}
}
