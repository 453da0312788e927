// Package bus delivers events to the functions subscribed to it.
package bus

import "sync"

// Bus is a set of subscribers.
type Bus struct {
	mu   sync.Mutex
	next int
	subs map[int]func(string)
}

// Default is the process-wide bus.
var Default = &Bus{subs: map[int]func(string){}}

// Subscribe adds fn and returns its id.
func (b *Bus) Subscribe(fn func(string)) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	b.subs[b.next] = fn
	return b.next
}

// Unsubscribe removes the subscriber id; fn is not called after it returns.
func (b *Bus) Unsubscribe(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, id)
}
