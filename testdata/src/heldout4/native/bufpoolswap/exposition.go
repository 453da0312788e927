// Case: metrics endpoint renders the exposition page in the background, swaps the new page buffer in and returns the replaced buffer to a sync.Pool while scrape handlers may still be copying it to their connections
// Source: containerd/go-runc issue #57 and openyurtio/openyurt issue #2774 (a buffer returned to a sync.Pool while another goroutine still read it); prometheus/grpc-go pooled-buffer fixes named in issue 14; Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: -

package bufpoolswap

import (
	"bytes"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

var pagePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type Exporter struct {
	page   atomic.Pointer[bytes.Buffer]
	render func(*bytes.Buffer)
}

// Run re-renders the page every interval; it is the only writer.
func (e *Exporter) Run(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		buf := pagePool.Get().(*bytes.Buffer)
		buf.Reset()
		e.render(buf)
		if old := e.page.Swap(buf); old != nil {
			pagePool.Put(old) // expect RCU7004
		}
		select {
		case <-t.C:
		case <-stop:
			return
		}
	}
}

func (e *Exporter) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	p := e.page.Load()
	if p == nil {
		http.Error(w, "not ready", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	w.Write(p.Bytes())
}
