// Case: QSBR shard workers keep their reader handle in a struct field and read through helper methods; the shard retires tables after its QSBR domain's grace period
// Source: idiom: urcu-qsbr per-thread reader state carried in the worker's context, and reclamation with the same flavour's call_rcu() (https://github.com/urcu/userspace-rcu doc/rcu-api.md); rcuvet issue 13 class 5
// Kind: idiom

package qsbrfield

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	prices map[string]int64
	arena  []int64
}

type Shard struct {
	dom    *rcuapi.QSBR
	mu     sync.Mutex
	cur    rcuapi.Pointer[table]
	arenas sync.Pool
}

type worker struct {
	sh *Shard
	r  *rcuapi.QSBRReader
}

func (w *worker) price(sku string) (int64, bool) {
	s := w.r.ReadLock()
	defer w.r.ReadUnlock(s)
	p, ok := w.sh.cur.Dereference(s).prices[sku]
	return p, ok
}

func (w *worker) quote(skus []string) int64 {
	var total int64
	for _, k := range skus {
		if p, ok := w.price(k); ok {
			total += p
		}
	}
	return total
}

// Serve quotes baskets until in closes; totals are sent while offline.
func (sh *Shard) Serve(in <-chan []string, out chan<- int64) {
	w := &worker{sh: sh, r: sh.dom.Register()}
	defer w.r.Unregister()
	for {
		w.r.Offline()
		basket, ok := <-in
		if !ok {
			return
		}
		w.r.Online()
		total := w.quote(basket)
		w.r.Quiescent()
		w.r.Offline()
		out <- total
		w.r.Online()
	}
}

// Reprice publishes a new table and recycles the old arena after the
// shard's own QSBR grace period.
func (sh *Shard) Reprice(next *table) {
	sh.mu.Lock()
	old := sh.cur.Replace(next, &sh.mu)
	sh.mu.Unlock()
	if old != nil {
		sh.dom.Call(func() { sh.arenas.Put(old.arena[:0]) })
	}
}
