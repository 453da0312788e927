// Package bus delivers control-plane events to subscribed hooks.
package bus

import "sync"

type Event struct {
	Kind   string
	Tenant string
}

type Bus struct {
	mu    sync.RWMutex
	next  int
	hooks map[int]func(Event)
}

var Default = &Bus{}

// Subscribe registers h and returns its id.
func (b *Bus) Subscribe(h func(Event)) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.hooks == nil {
		b.hooks = make(map[int]func(Event))
	}
	b.next++
	b.hooks[b.next] = h
	return b.next
}

// Unsubscribe removes a hook. When it returns, the hook is not running and
// will not be called again.
func (b *Bus) Unsubscribe(id int) {
	b.mu.Lock()
	delete(b.hooks, id)
	b.mu.Unlock()
}

// Publish calls every hook with ev.
func (b *Bus) Publish(ev Event) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, h := range b.hooks {
		h(ev)
	}
}
