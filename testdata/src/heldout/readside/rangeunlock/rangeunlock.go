// Case: metric flusher ranges over an rcuapi.Map and ends the section inside the body to write to disk
// Source: rcu_read_unlock() inside an RCU hash-table walk around blocking I/O (Documentation/RCU/checklist.rst items 2 and 9; rcuvet issue 13 class 7)
// Kind: bad
// Pair: rangeunlockfix

package rangeunlock

import (
	"bytes"
	"fmt"
	"io"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Sink is an immutable snapshot of one metric family; updates publish a
// new Sink with Store and the old one is retired after a grace period.
type Sink struct {
	Unit    string
	Samples []float64
}

// Registry maps names to values of any snapshot type.
type Registry[V any] struct {
	m rcuapi.Map[string, *V]
}

func (r *Registry[V]) Publish(name string, v *V) { r.m.Store(name, v) }

// FlushTo writes every family to w, rendering each with render.
func FlushTo[V any](r *Registry[V], w io.Writer, render func(*V) []byte) error {
	s := rcuapi.ReadLock()
	for name, v := range r.m.Range(s) {
		line := render(v)    // a fresh buffer
		rcuapi.ReadUnlock(s) // expect RCU1001
		if _, err := fmt.Fprintf(w, "%s %s\n", name, line); err != nil {
			return err
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
	return nil
}

func renderSink(k *Sink) []byte {
	var b bytes.Buffer
	for i, x := range k.Samples {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%g", x)
	}
	b.WriteString(" " + k.Unit)
	return b.Bytes()
}

func Flush(r *Registry[Sink], w io.Writer) error { return FlushTo(r, w, renderSink) }
