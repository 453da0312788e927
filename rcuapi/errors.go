package rcuapi

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrBusy is returned by Unload while references taken with TryGet are
	// held.
	ErrBusy = errors.New("rcuapi: module is in use")
	// ErrPendingCallbacks is wrapped by the errors of Unload and Cleanup
	// that found callbacks still queued; see PendingCallbacksError.
	ErrPendingCallbacks = errors.New("rcuapi: callbacks still queued")
	// ErrNotLoaded is returned by Unload of a module that is not loaded.
	ErrNotLoaded = errors.New("rcuapi: module is not loaded")
	// ErrAlreadyLoaded is returned by Load of a module that is loaded.
	ErrAlreadyLoaded = errors.New("rcuapi: module is already loaded")
)

// PendingCallbacksError reports callbacks that were still queued when a
// module finished its Exit or an SRCU domain was cleaned up: the Barrier
// that should have waited for them is missing. The callbacks named here were
// dropped and will never run. It unwraps to ErrPendingCallbacks.
type PendingCallbacksError struct {
	Module    string   // the module unloaded, if Unload found them
	Domain    string   // the SRCU domain cleaned up, if Cleanup found them
	Callbacks []string // the dropped callbacks' function names
	Running   int      // callbacks that were already running and could not be dropped
}

func (e *PendingCallbacksError) Error() string {
	var b strings.Builder
	b.WriteString("rcuapi: ")
	if e.Module != "" {
		fmt.Fprintf(&b, "module %q exited", e.Module)
	} else {
		fmt.Fprintf(&b, "SRCU domain %q was cleaned up", e.Domain)
	}
	b.WriteString(" with callbacks still queued (a Barrier is missing)")
	if len(e.Callbacks) > 0 {
		fmt.Fprintf(&b, "; dropped %d: %s", len(e.Callbacks), strings.Join(e.Callbacks, ", "))
	}
	if e.Running > 0 {
		fmt.Fprintf(&b, "; %d still running", e.Running)
	}
	return b.String()
}

func (e *PendingCallbacksError) Unwrap() error { return ErrPendingCallbacks }
