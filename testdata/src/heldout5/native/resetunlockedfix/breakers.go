// Case: resetunlockedfix
// Source: opentelemetry-go PR #1079 (writers of one slot under different locks, here one under none); kubernetes PR #125052; Documentation/RCU/checklist.rst item 1
// Kind: fixed
// Pair: native/resetunlocked
package resetunlockedfix

import (
	"maps"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
)

type Tripped struct {
	Hosts map[string]int // host -> consecutive failures
}

type Guard struct {
	mu    sync.Mutex
	state atomic.Pointer[Tripped]
}

func (g *Guard) Failures(host string) int { return g.state.Load().Hosts[host] }

// Fail is called by request goroutines.
func (g *Guard) Fail(host string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	cur := g.state.Load()
	next := &Tripped{Hosts: maps.Clone(cur.Hosts)}
	next.Hosts[host]++
	g.state.Store(next)
}

// ResetOnSignal clears one host's counter on SIGUSR1 (operators name the host in a file).
func (g *Guard) ResetOnSignal(hostFile string) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGUSR1)
	go func() {
		for range ch {
			host, err := os.ReadFile(hostFile)
			if err != nil {
				continue
			}
			g.mu.Lock()
			cur := g.state.Load()
			next := &Tripped{Hosts: maps.Clone(cur.Hosts)}
			delete(next.Hosts, string(host))
			g.state.Store(next)
			g.mu.Unlock()
		}
	}()
}
