// Case: catalog read by classic request handlers and by SRCU report streamers; retire chains the two grace periods (a classic Call that queues an SRCU Call), and the synchronous path waits for both domains in turn
// Source: idiom: the fix of CVE-2023-52447 waits for both RCU flavours that readers use (call_rcu_tasks_trace chained with call_rcu / synchronize_rcu then synchronize_rcu_tasks_trace); rcuvet issue 13 item 3
// Kind: idiom

package chainedgp

import (
	"io"
	"strconv"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type catalog struct {
	prices map[string]int64
}

var (
	mu        sync.Mutex
	current   rcuapi.Pointer[catalog] // read under classic RCU and under reportDom
	reportDom rcuapi.SRCU
	pool      = sync.Pool{New: func() any { return &catalog{prices: map[string]int64{}} }}
)

func (c *catalog) recycle() {
	clear(c.prices)
	pool.Put(c)
}

// Price is the hot path: classic reader, never blocks.
func Price(sku string) (int64, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	if c == nil {
		return 0, false
	}
	p, ok := c.prices[sku]
	return p, ok
}

// Report streams the catalog to w, which may block: SRCU reader.
func Report(w io.Writer) error {
	s := reportDom.ReadLock()
	defer reportDom.ReadUnlock(s)
	c := current.Dereference(s)
	if c == nil {
		return nil
	}
	for sku, p := range c.prices {
		if _, err := io.WriteString(w, sku+" "+strconv.FormatInt(p, 10)+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func build(prices map[string]int64) *catalog {
	c := pool.Get().(*catalog)
	for k, v := range prices {
		c.prices[k] = v
	}
	return c
}

// Publish installs prices without waiting: the old catalog is recycled
// after a classic grace period and then an SRCU one.
func Publish(prices map[string]int64) {
	c := build(prices)
	mu.Lock()
	old := current.Replace(c, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { reportDom.Call(old.recycle) })
	}
}

// PublishSync installs prices and recycles the old catalog before it
// returns, for callers that must know the memory is back.
func PublishSync(prices map[string]int64) {
	c := build(prices)
	mu.Lock()
	old := current.Replace(c, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Synchronize()
		reportDom.Synchronize()
		old.recycle()
	}
}
