// Package geodb holds a GeoIP database snapshot for the geoipxpkgflavour
// case. Its readers use the DB's SRCU domain (lookups may page the
// database file in); Swap publishes a new snapshot and returns the old one,
// which the caller must retire after a grace period of Dom.
package geodb

import (
	"net/netip"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Snapshot is one version of the database, backed by an open file.
type Snapshot struct {
	f      *os.File
	ranges map[netip.Prefix]string
}

// Open returns a snapshot of the database in f.
func Open(f *os.File, ranges map[netip.Prefix]string) *Snapshot {
	return &Snapshot{f: f, ranges: ranges}
}

// Close closes the snapshot's file.
func (sn *Snapshot) Close() error { return sn.f.Close() }

// DB is the current database.
type DB struct {
	Dom rcuapi.SRCU
	mu  sync.Mutex
	cur rcuapi.Pointer[Snapshot]
}

// Country returns the country of addr.
func (db *DB) Country(addr netip.Addr) string {
	s := db.Dom.ReadLock()
	defer db.Dom.ReadUnlock(s)
	for p, c := range db.cur.Dereference(s).ranges {
		if p.Contains(addr) {
			return c
		}
	}
	return ""
}

// Swap publishes next and returns the previous snapshot.
func (db *DB) Swap(next *Snapshot) *Snapshot {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.cur.Replace(next, &db.mu)
}
