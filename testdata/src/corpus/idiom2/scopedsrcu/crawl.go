// Case: crawler makes an SRCU domain for one crawl, posts retirements on it while workers read, then ends it in order: workers done, Barrier, Cleanup, checking Cleanup's error
// Source: idiom: cleanup_srcu_struct() for a dynamically initialised srcu_struct after srcu_barrier(), as kernel users with per-object domains do (e.g. KVM's per-VM srcu, torn down in kvm_destroy_vm)
// Kind: idiom

package scopedsrcu

import (
	"fmt"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type frontier struct {
	urls []string
}

// Crawl runs rounds of fetch over the frontier with n workers and returns
// the URLs seen. fetch may block (network I/O) inside the section.
func Crawl(seed []string, rounds, n int, fetch func(url string) []string) ([]string, error) {
	d := rcuapi.NewSRCU("crawl")
	var (
		mu    sync.Mutex
		front rcuapi.Pointer[frontier]
		seen  = map[string]bool{}
	)
	front.Init(&frontier{urls: append([]string(nil), seed...)})
	bufs := sync.Pool{New: func() any { return make([]string, 0, 256) }}

	for range rounds {
		var wg sync.WaitGroup
		found := make([][]string, n)
		for w := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := d.ReadLock()
				defer d.ReadUnlock(s)
				for i, u := range front.Dereference(s).urls {
					if i%n == w {
						found[w] = append(found[w], fetch(u)...)
					}
				}
			}()
		}
		wg.Wait()

		next := bufs.Get().([]string)[:0]
		for _, f := range found {
			for _, u := range f {
				if !seen[u] && strings.HasPrefix(u, "https://") {
					seen[u] = true
					next = append(next, u)
				}
			}
		}
		mu.Lock()
		old := front.Replace(&frontier{urls: next}, &mu)
		mu.Unlock()
		d.Call(func() { bufs.Put(old.urls[:0]) })
	}

	d.Barrier()
	if err := d.Cleanup(); err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	out := make([]string, 0, len(seen))
	for u := range seen {
		out = append(out, u)
	}
	return out, nil
}
