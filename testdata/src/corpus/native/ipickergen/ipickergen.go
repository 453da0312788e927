// Case: a new picker generation is swapped in and the old generation's channel is closed to wake the RPCs blocked on it; closing is a signal, not a destroy
// Source: idiom: google.golang.org/grpc@v1.85.0 picker_wrapper.go pickerWrapper.updatePicker, close, reset and pick (pickerGen atomic.Pointer[pickerGeneration]; close(old.blockingCh))
// Kind: idiom
// Pair: none

package ipickergen

import (
	"context"
	"errors"
	"sync/atomic"
)

// Picker picks a connection for an RPC.
type Picker interface {
	Pick() (string, error)
}

type pickerGeneration struct {
	picker     Picker
	blockingCh chan struct{} // closed when a newer generation is available
}

type pickerWrapper struct {
	pickerGen atomic.Pointer[pickerGeneration] // nil once closed
}

func newPickerWrapper() *pickerWrapper {
	pw := &pickerWrapper{}
	pw.pickerGen.Store(&pickerGeneration{blockingCh: make(chan struct{})})
	return pw
}

func (pw *pickerWrapper) updatePicker(p Picker) {
	old := pw.pickerGen.Swap(&pickerGeneration{picker: p, blockingCh: make(chan struct{})})
	close(old.blockingCh)
}

func (pw *pickerWrapper) close() {
	old := pw.pickerGen.Swap(nil)
	close(old.blockingCh)
}

// pick is the read side: it waits for a picker that can pick.
func (pw *pickerWrapper) pick(ctx context.Context) (string, error) {
	for {
		pg := pw.pickerGen.Load()
		if pg == nil {
			return "", errors.New("client connection is closing")
		}
		if pg.picker != nil {
			if addr, err := pg.picker.Pick(); err == nil {
				return addr, nil
			}
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-pg.blockingCh:
		}
	}
}
