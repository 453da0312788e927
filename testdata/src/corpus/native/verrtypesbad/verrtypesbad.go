// Case: one failure path stores a *streamError, another stores whatever error it was given, into the same atomic.Value
// Source: idiom: google.golang.org/grpc@v1.85.0 internal/xds/httpfilter/extproc/ext_proc.go clientStream.procStreamErr (stored from failProcStream and cancelStream, each only after procStreamClosed.CompareAndSwap(false, true)); here the CompareAndSwap guard is missing, so both paths can store
// Kind: bad
// Pair: verrtypesfixed

package verrtypesbad

import "sync/atomic"

type streamError struct{ msg string }

func (e *streamError) Error() string { return e.msg }

type clientStream struct {
	procStreamErr atomic.Value // error
}

// failProcStream runs when the external processor stream breaks.
func (cs *clientStream) failProcStream(err error) {
	cs.procStreamErr.Store(&streamError{msg: "extproc: " + err.Error()})
}

// cancelStream runs when the dataplane RPC is cancelled with err (a context error, a status error, ...).
func (cs *clientStream) cancelStream(err error) {
	cs.procStreamErr.Store(err) // expect RCU7005
}

func (cs *clientStream) err() error {
	err, _ := cs.procStreamErr.Load().(error)
	return err
}
