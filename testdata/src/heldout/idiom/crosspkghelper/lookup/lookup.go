// Package lookup holds the read-side helpers of the geo table. Each takes
// the Section its caller opened, like a context.Context, and returns values.
package lookup

import (
	"net/netip"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Entry struct {
	Prefix  netip.Prefix
	Country string
	ASN     uint32
}

type Table struct {
	Entries []Entry
}

// Country returns the country of a, read under s.
func Country(s rcuapi.Section, p *rcuapi.Pointer[Table], a netip.Addr) (string, bool) {
	t := p.Dereference(s)
	if t == nil {
		return "", false
	}
	for _, e := range t.Entries {
		if e.Prefix.Contains(a) {
			return e.Country, true
		}
	}
	return "", false
}

// Find returns a copy of the entry covering a.
func Find(s rcuapi.Section, p *rcuapi.Pointer[Table], a netip.Addr) (Entry, bool) {
	t := p.Dereference(s)
	if t == nil {
		return Entry{}, false
	}
	for _, e := range t.Entries {
		if e.Prefix.Contains(a) {
			return e, true
		}
	}
	return Entry{}, false
}
