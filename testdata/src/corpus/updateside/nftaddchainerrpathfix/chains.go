// Case: the error path of AddChain waits for a grace period between unlinking the chain and destroying it
// Source: Linux commit 71e99ee20fc3 "netfilter: nf_tables: fix use-after-free in nf_tables_addchain()" (https://lexplain.net/commit-analyses/71e99ee20fc3f662555118cf1159443250647533); same shape as CVE-2026-23392 (nf_tables flowtable error path)
// Kind: fixed
// Pair: nftaddchainerrpath

package nftaddchainerrpathfix

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Chain is a named list of rules evaluated on the packet path.
type Chain struct {
	Name     string
	Rules    []func(pkt []byte) bool
	counters []uint64
}

var counterPool = sync.Pool{New: func() any { return make([]uint64, 64) }}

// Close returns the chain's counters to the pool.
func (c *Chain) Close() { counterPool.Put(c.counters) }

var (
	mu     sync.Mutex
	chains rcuapi.List[*Chain]
	hooked = map[string][]string{} // hook -> chain names, under mu
	valid  = map[string]bool{"input": true, "output": true, "forward": true}
)

// Drop reports whether some chain drops pkt.
func Drop(pkt []byte) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range chains.All(s) {
		for _, r := range e.Value.Rules {
			if r(pkt) {
				return true
			}
		}
	}
	return false
}

func registerHooks(name string, hooks []string) error {
	for _, h := range hooks {
		if !valid[h] {
			return fmt.Errorf("unknown hook %q", h)
		}
	}
	for _, h := range hooks {
		hooked[h] = append(hooked[h], name)
	}
	return nil
}

// AddChain links a new chain and registers its hooks.
func AddChain(name string, rules []func([]byte) bool, hooks []string) error {
	mu.Lock()
	defer mu.Unlock()
	c := &Chain{Name: name, Rules: rules, counters: counterPool.Get().([]uint64)}
	e := chains.PushBack(c)
	if err := registerHooks(name, hooks); err != nil {
		chains.Remove(e)
		rcuapi.Synchronize()
		c.Close()
		return err
	}
	return nil
}

// DelChain unlinks the named chain and destroys it after a grace period.
func DelChain(name string) {
	mu.Lock()
	defer mu.Unlock()
	for e := range chains.AllProtected(&mu) {
		if e.Value.Name == name {
			chains.Remove(e)
			rcuapi.Synchronize()
			e.Value.Close()
			return
		}
	}
}
