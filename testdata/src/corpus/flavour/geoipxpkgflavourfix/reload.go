// Case: the reloader retires the old GeoIP snapshot after a grace period of the DB's own SRCU domain
// Source: issue 13 items 12 and 16 (readers and updaters in different packages; the updater's wait must be of the readers' domain); checklist item 7, Documentation/RCU/checklist
// Kind: fixed
// Pair: geoipxpkgflavour

package geoipxpkgflavourfix

import (
	"net/netip"
	"os"

	"fixtures/corpus/flavour/geoipxpkgflavourfix/geodb"
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
	DB.Dom.Synchronize()
	return old.Close()
}

// Country returns the country of addr.
func Country(addr netip.Addr) string {
	return DB.Country(addr)
}
