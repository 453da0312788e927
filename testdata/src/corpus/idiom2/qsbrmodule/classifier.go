// Case: traffic classifier module with QSBR workers retires replaced signatures with the QSBR domain's Call; Exit refuses new updates under the update lock, stops the workers (close, wait) and then calls that domain's Barrier
// Source: idiom: module exit for a QSBR user (liburcu urcu-qsbr: stop the threads that call call_rcu(), then rcu_barrier() of the same flavour); Documentation/RCU/rcubarrier.rst
// Kind: idiom

package qsbrmodule

import (
	"bytes"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type signature struct {
	name    string
	pattern []byte
}

var (
	q       *rcuapi.QSBR
	mu      sync.Mutex
	closing bool // guarded by mu
	sigs    rcuapi.Map[string, *signature]
	pats    = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

	quit chan struct{}
	wg   sync.WaitGroup
)

// Module is the classifier.
var Module = &rcuapi.Module{Name: "classifier", Init: load, Exit: unload}

func load() error {
	q = rcuapi.NewQSBR("signatures")
	quit = make(chan struct{})
	closing = false
	return nil
}

// Start runs a classifying worker on packets until the module unloads.
func Start(packets <-chan []byte, verdicts chan<- string) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := q.Register()
		defer r.Unregister()
		for {
			r.Offline()
			var pkt []byte
			select {
			case <-quit:
				return
			case pkt = <-packets:
			}
			r.Online()
			verdict := ""
			s := r.ReadLock()
			for name, sg := range sigs.Range(s) {
				if bytes.Contains(pkt, sg.pattern) {
					verdict = name
					break
				}
			}
			r.ReadUnlock(s)
			r.Offline()
			verdicts <- verdict
			r.Online()
		}
	}()
}

// SetSignature installs pattern under name; a replaced pattern buffer is
// recycled after a grace period of q.
func SetSignature(name string, pattern []byte) {
	sg := &signature{name: name, pattern: append(pats.Get().([]byte)[:0], pattern...)}
	mu.Lock()
	defer mu.Unlock()
	if closing {
		return
	}
	if old, ok := sigs.Swap(name, sg); ok {
		q.Call(func() { pats.Put(old.pattern[:0]) })
	}
}

// unload refuses new updates, stops the workers and waits for them, then
// waits for the callbacks queued on q.
func unload() {
	mu.Lock()
	closing = true
	mu.Unlock()
	close(quit)
	wg.Wait()
	q.Barrier()
}
