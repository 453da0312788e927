// Case: swaprecycle
// Source: containerd/go-runc issue #57 (a pooled buffer returned while another goroutine still read it); prometheus and grpc-go pooled-buffer fixes named in issue 14; Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: -
package swaprecycle

import (
	"bytes"
	"net/http"
	"sync"
	"sync/atomic"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// recycle returns a page buffer to the pool.
func recycle(b *bytes.Buffer) {
	b.Reset()
	bufs.Put(b)
}

type StatusPage struct {
	page atomic.Pointer[bytes.Buffer]
}

func (p *StatusPage) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	if b := p.page.Load(); b != nil {
		w.Write(b.Bytes())
	}
}

// Render is called every few seconds by the status collector.
func (p *StatusPage) Render(lines []string) {
	b := bufs.Get().(*bytes.Buffer)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if old := p.page.Swap(b); old != nil {
		recycle(old) // expect RCU7004
	}
}
