package rcuapi

import "fmt"

// misuse is the value of the panics that report a mistake in using the
// API. It is a plain value so that the reader fast path, which raises some of
// these panics, stays small enough to be inlined; the message is formatted
// only when the panic is printed.
type misuse struct {
	op   string  // the API call that found the mistake
	d    *domain // the domain the call was for
	s    Section // foreignSection: the Section given
	what misuseKind
}

type misuseKind uint8

const (
	zeroSection    misuseKind = iota // a Section that no ReadLock made
	foreignSection                   // a Section of another domain
	endedSection                     // a Section that already ended
	afterCleanup                     // an SRCU used after Cleanup

	// QSBR reader handles.
	qsOffline       // an operation that needs the handle online found it offline
	qsOnline        // Online on a handle that is online
	qsUnregistered  // a handle used after its Unregister
	qsInSection     // an operation that needs no section open found one
	qsForeignReader // ReadUnlock of a Section made by another handle of the domain
	qsNotInnermost  // ReadUnlock of an outer Section while an inner one is open
)

func (m misuse) Error() string {
	var name, other string
	if m.d != nil {
		name = m.d.displayName()
	}
	if o := m.s.domain(); o != nil {
		other = o.displayName()
	}
	switch m.what {
	case zeroSection:
		return fmt.Sprintf("rcuapi: %s with the zero Section (no ReadLock made it)", m.op)
	case foreignSection:
		if m.s.domain() == nil {
			return fmt.Sprintf("rcuapi: %s on domain %q of the zero Section (no ReadLock made it)", m.op, name)
		}
		return fmt.Sprintf("rcuapi: %s on domain %q of a Section of domain %q: end a section on the domain that began it", m.op, name, other)
	case endedSection:
		return fmt.Sprintf("rcuapi: %s on domain %q of a Section that already ended", m.op, name)
	case afterCleanup:
		return fmt.Sprintf("rcuapi: %s on SRCU domain %q after its Cleanup", m.op, name)
	case qsOffline:
		return fmt.Sprintf("rcuapi: %s on an offline reader handle of QSBR domain %q: call Online first", m.op, name)
	case qsOnline:
		return fmt.Sprintf("rcuapi: %s on a reader handle of QSBR domain %q that is already online", m.op, name)
	case qsUnregistered:
		return fmt.Sprintf("rcuapi: %s on a reader handle of QSBR domain %q after its Unregister", m.op, name)
	case qsInSection:
		return fmt.Sprintf("rcuapi: %s inside a read-side section of the same reader handle of QSBR domain %q: a handle is never quiescent inside its own section; call ReadUnlock first", m.op, name)
	case qsNotInnermost:
		return fmt.Sprintf("rcuapi: %s on a reader handle of QSBR domain %q of a Section that is not the innermost one open: end nested sections in the reverse order of their ReadLocks", m.op, name)
	case qsForeignReader:
		return fmt.Sprintf("rcuapi: %s on a reader handle of QSBR domain %q of a Section made by another handle of that domain: end a section with the handle that began it", m.op, name)
	}
	return "rcuapi: misuse of " + m.op
}
