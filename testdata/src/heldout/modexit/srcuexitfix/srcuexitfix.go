// Case: template module's Exit drains the SRCU domain its retirements were queued on
// Source: module exit calling rcu_barrier() while its callbacks were queued with call_srcu(), which needs srcu_barrier() (lkml thread "[PATCH RFC tip/core/rcu 0/4] Forbid static SRCU use in modules", April 2019, on who issues srcu_barrier() at unload; Documentation/RCU/rcubarrier.rst)
// Kind: fixed
// Pair: srcuexit

package srcuexitfix

import (
	"io"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// templates are read under tplSRCU: rendering writes into the response
// inside the section and may block on a slow client.
var (
	tplSRCU rcuapi.SRCU
	mu      sync.Mutex
	cur     rcuapi.Pointer[templateSet]
	bufs    sync.Pool
)

type templateSet struct {
	compiled map[string][]byte // slices of pooled buffers
}

func (t *templateSet) release() {
	for name, b := range t.compiled {
		bufs.Put(b[:0])
		delete(t.compiled, name)
	}
}

var Module = &rcuapi.Module{Name: "templates", Init: load, Exit: unload}

func load() error {
	cur.Assign(&templateSet{compiled: map[string][]byte{}})
	return nil
}

// Reload compiles every template of dir and retires the previous set.
func Reload(dir string, names []string) error {
	next := &templateSet{compiled: map[string][]byte{}}
	for _, n := range names {
		src, err := os.ReadFile(dir + "/" + n)
		if err != nil {
			return err
		}
		b, _ := bufs.Get().([]byte)
		next.compiled[n] = append(b[:0], src...)
	}
	mu.Lock()
	old := cur.Replace(next, &mu)
	mu.Unlock()
	tplSRCU.Call(old.release)
	return nil
}

// Render writes template name to w.
func Render(w io.Writer, name string) error {
	s := tplSRCU.ReadLock()
	defer tplSRCU.ReadUnlock(s)
	b, ok := cur.Dereference(s).compiled[name]
	if !ok {
		return os.ErrNotExist
	}
	_, err := w.Write(b)
	return err
}

func unload() {
	mu.Lock()
	old := cur.Replace(&templateSet{compiled: map[string][]byte{}}, &mu)
	mu.Unlock()
	tplSRCU.Call(old.release)
	tplSRCU.Barrier()
}
