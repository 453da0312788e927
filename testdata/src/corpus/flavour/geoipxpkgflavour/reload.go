// Case: a reloader in another package swaps the GeoIP snapshot through the DB's helper and retires the old one after a classic grace period, though the DB's readers use its SRCU domain
// Source: issue 13 items 12 and 16 (readers and updaters in different packages; the updater's wait must be of the readers' domain); checklist item 7, Documentation/RCU/checklist
// Kind: bad
// Pair: geoipxpkgflavourfix

package geoipxpkgflavour

import (
	"net/netip"
	"os"

	"fixtures/corpus/flavour/geoipxpkgflavour/geodb"
	"github.com/rcuvet/rcuvet/rcuapi"
)

// DB is the process-wide database.
var DB geodb.DB

// Reload opens path and makes it the current database.
func Reload(path string, ranges map[netip.Prefix]string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	old := DB.Swap(geodb.Open(f, ranges))
	if old == nil {
		return nil
	}
	rcuapi.Synchronize() // expect RCU5001
	return old.Close()
}

// Country returns the country of addr.
func Country(addr netip.Addr) string {
	return DB.Country(addr)
}
