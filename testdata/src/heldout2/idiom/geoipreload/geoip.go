// Case: GeoIP database reload validates the new file, returns early when nothing changed or on error, publishes under the lock, and closes the old database only after a grace period outside the lock
// Source: idiom: the canonical updater of whatisRCU.rst (lock, rcu_replace_pointer(), unlock, synchronize_rcu(), free)
// Kind: idiom

package geoipreload

import (
	"crypto/sha256"
	"errors"
	"io"
	"net/netip"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var errEmpty = errors.New("geoip: database is empty")

type db struct {
	sum       [sha256.Size]byte
	countries map[netip.Prefix]string
	file      io.Closer // the open database file, kept for lazy section reads
}

type GeoIP struct {
	mu    sync.Mutex
	cur   rcuapi.Pointer[db]
	parse func(data []byte) (map[netip.Prefix]string, error)
}

// Country returns the country of addr ("" if unknown).
func (g *GeoIP) Country(addr netip.Addr) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	d := g.cur.Dereference(s)
	if d == nil {
		return ""
	}
	for p, c := range d.countries {
		if p.Contains(addr) {
			return c
		}
	}
	return ""
}

// Reload opens path and, if its contents changed, swaps it in.
func (g *GeoIP) Reload(path string) (changed bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return false, err
	}
	sum := sha256.Sum256(data)
	s := rcuapi.ReadLock()
	cur := g.cur.Dereference(s)
	same := cur != nil && cur.sum == sum
	rcuapi.ReadUnlock(s)
	if same {
		f.Close()
		return false, nil
	}
	countries, err := g.parse(data)
	if err == nil && len(countries) == 0 {
		err = errEmpty
	}
	if err != nil {
		f.Close()
		return false, err
	}

	g.mu.Lock()
	old := g.cur.Replace(&db{sum: sum, countries: countries, file: f}, &g.mu)
	g.mu.Unlock()
	if old != nil {
		rcuapi.Synchronize()
		old.file.Close()
	}
	return true, nil
}
