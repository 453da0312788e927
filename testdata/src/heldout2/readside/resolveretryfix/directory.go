// Case: service directory takes a new section for every re-read in its retry loop
// Source: Documentation/RCU/checklist.rst items 2 and 9 (rcu_dereference() only inside a read-side section); whatisRCU.rst on the extent of a section
// Kind: fixed
// Pair: resolveretry

package resolveretryfix

import (
	"errors"
	"net/netip"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	ErrUnknown = errors.New("directory: unknown service")
	ErrLoading = errors.New("directory: still loading")
)

type table struct {
	loading bool // a reload has published an empty placeholder
	addrs   map[string]netip.AddrPort
}

type Directory struct {
	mu    sync.Mutex
	table rcuapi.Pointer[table]
}

func New() *Directory {
	d := &Directory{}
	d.table.Init(&table{loading: true})
	return d
}

// Resolve returns the address of a service, waiting a little while the
// directory is being reloaded.
func (d *Directory) Resolve(name string) (netip.AddrPort, error) {
	s := rcuapi.ReadLock()
	tbl := d.table.Dereference(s)
	addr, ok := tbl.addrs[name]
	loading := tbl.loading
	rcuapi.ReadUnlock(s)
	for attempt := 1; !ok && loading && attempt <= 3; attempt++ {
		time.Sleep(time.Duration(attempt) * 5 * time.Millisecond)
		s = rcuapi.ReadLock()
		tbl = d.table.Dereference(s)
		addr, ok = tbl.addrs[name]
		loading = tbl.loading
		rcuapi.ReadUnlock(s)
	}
	switch {
	case ok:
		return addr, nil
	case loading:
		return netip.AddrPort{}, ErrLoading
	}
	return netip.AddrPort{}, ErrUnknown
}

// Load publishes a complete table. Tables hold nothing but memory, so the
// old one is left to the garbage collector.
func (d *Directory) Load(addrs map[string]netip.AddrPort) {
	d.mu.Lock()
	d.table.Replace(&table{addrs: addrs}, &d.mu)
	d.mu.Unlock()
}
