// Case: the stream error is stored at most once, by whichever path wins a CompareAndSwap on a closed flag, so the two concrete types never meet
// Source: idiom: google.golang.org/grpc@v1.85.0 internal/xds/httpfilter/extproc/ext_proc.go failProcStream and cancelStream (procStreamClosed.CompareAndSwap(false, true) before procStreamErr.Store)
// Kind: fixed
// Pair: verrtypesbad

package verrtypesfixed

import "sync/atomic"

type streamError struct{ msg string }

func (e *streamError) Error() string { return e.msg }

type clientStream struct {
	procStreamClosed atomic.Bool
	procStreamErr    atomic.Value // error, stored at most once
}

// failProcStream runs when the external processor stream breaks.
func (cs *clientStream) failProcStream(err error) {
	if !cs.procStreamClosed.CompareAndSwap(false, true) {
		return
	}
	cs.procStreamErr.Store(&streamError{msg: "extproc: " + err.Error()})
}

// cancelStream runs when the dataplane RPC is cancelled with err (a context error, a status error, ...).
func (cs *clientStream) cancelStream(err error) {
	if !cs.procStreamClosed.CompareAndSwap(false, true) {
		return
	}
	cs.procStreamErr.Store(err)
}

func (cs *clientStream) err() error {
	err, _ := cs.procStreamErr.Load().(error)
	return err
}
