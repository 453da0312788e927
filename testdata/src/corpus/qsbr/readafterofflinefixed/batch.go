// Case: QSBR batch handler goes offline around each response write and back online before it reads the next item
// Source: urcu-qsbr API rules (rcu_thread_online() must come between rcu_thread_offline() and the next read-side critical section); rcuapi QSBRReader.Offline doc ("it must not read until Online")
// Kind: fixed
// Pair: readafterofflinebad

package readafterofflinefixed

import (
	"io"
	"strconv"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type prices struct {
	cents map[string]int64
}

var (
	q       = rcuapi.NewQSBR("prices")
	mu      sync.Mutex
	catalog rcuapi.Pointer[prices]
)

// Quote writes the price of every sku in batch to w, one line each.
// Writing can block, so the handle goes offline around each write.
func Quote(r *rcuapi.QSBRReader, batch []string, w io.Writer) error {
	for _, sku := range batch {
		s := r.ReadLock()
		p := catalog.Dereference(s)
		var cents int64
		ok := false
		if p != nil {
			cents, ok = p.cents[sku]
		}
		r.ReadUnlock(s)
		line := sku + " -\n"
		if ok {
			line = sku + " " + strconv.FormatInt(cents, 10) + "\n"
		}
		r.Offline()
		_, err := io.WriteString(w, line)
		r.Online()
		if err != nil {
			return err
		}
	}
	return nil
}

// Serve registers a handle and quotes each batch from in.
func Serve(in <-chan []string, w io.Writer) {
	r := q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		batch, ok := <-in
		r.Online()
		if !ok {
			return
		}
		Quote(r, batch, w)
		r.Quiescent()
	}
}

// SetPrices publishes a new catalog.
func SetPrices(cents map[string]int64) {
	mu.Lock()
	catalog.Replace(&prices{cents: cents}, &mu)
	mu.Unlock()
}
