// Case: the hook list is walked under the hooks SRCU domain, but unregistering waits on the module's other SRCU domain (the one for its config)
// Source: checklist item 7 / SRCU rule: a synchronize_srcu() waits only for sections of the same srcu_struct (https://evilpiepirate.org/git/linux-bcache.git/diff/Documentation/RCU/checklist.txt?h=v2.6.21-rc2&id=621934ee7ed5b073c7fd638b347e632c53572761&id2=95d77884c77beed676036d2f74d10b470a483c63)
// Kind: bad
// Pair: hooklisttwodomainsfix

package hooklisttwodomains

import (
	"context"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Hook is called on every event; it may block.
type Hook struct {
	Name string
	Fn   func(ctx context.Context, ev string) error
	done chan struct{}
}

// Close tells the hook's owner that it will not be called again.
func (h *Hook) Close() { close(h.done) }

var (
	hooksDom  rcuapi.SRCU // protects hooks
	configDom rcuapi.SRCU // protects the subsystem's config (not shown)
	mu        sync.Mutex
	hooks     rcuapi.List[*Hook]
)

// Fire calls every hook with ev.
func Fire(ctx context.Context, ev string) {
	s := hooksDom.ReadLock()
	defer hooksDom.ReadUnlock(s)
	for e := range hooks.All(s) {
		_ = e.Value.Fn(ctx, ev)
	}
}

// Register adds h and returns a channel closed once h is unregistered for good.
func Register(h *Hook) <-chan struct{} {
	h.done = make(chan struct{})
	mu.Lock()
	hooks.PushBack(h)
	mu.Unlock()
	return h.done
}

// Unregister removes the hook named name.
func Unregister(name string) {
	var gone *Hook
	mu.Lock()
	for e := range hooks.AllProtected(&mu) {
		if e.Value.Name == name {
			hooks.Remove(e)
			gone = e.Value
			break
		}
	}
	mu.Unlock()
	if gone == nil {
		return
	}
	configDom.Synchronize() // expect RCU5001
	gone.Close()
}
