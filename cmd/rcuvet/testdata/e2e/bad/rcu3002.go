package bad

import (
	"bytes"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type frame struct{ buf *bytes.Buffer }

var (
	frameMu   sync.Mutex // serialises the updaters of curFrame
	curFrame  rcuapi.Pointer[frame]
	framePool sync.Pool
)

// recycleFrame returns old's buffer to the pool once no reader can hold it.
func recycleFrame(old *frame) {
	rcuapi.Synchronize()
	framePool.Put(old.buf)
}

// SwapFrame publishes next and queues a callback that waits for a second
// grace period.
func SwapFrame(next *frame) {
	frameMu.Lock()
	old := curFrame.Replace(next, &frameMu)
	frameMu.Unlock()
	if old != nil {
		rcuapi.Call(func() { recycleFrame(old) }) // want RCU3002
	}
}
