// Case: a config holder returns netip, time and unique.Handle fields and fresh copies of its slices out of read-side sections
// Source: idiom: the config holder of issue 13 ("How to measure"); these are values (their interior pointers point at interned or immutable data), and the slice and struct are copied before the section ends, which is how people write getters
// Kind: idiom

package confignetipvalues

import (
	"net/netip"
	"slices"
	"sync"
	"time"
	"unique"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Inner is per-listener detail that callers must not see.
type Inner struct {
	Secret string
}

// Config is the server's configuration.
type Config struct {
	Addr    netip.Addr
	Listen  netip.AddrPort
	Allowed netip.Prefix
	Started time.Time
	Region  unique.Handle[string]
	Tags    []string
	Limits  map[string]int
	Inner   *Inner
}

var (
	mu  sync.Mutex
	cur rcuapi.Pointer[Config]
)

// Addr returns the advertised address.
func Addr() netip.Addr {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Addr
}

// Listen returns the listening address and port.
func Listen() netip.AddrPort {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Listen
}

// Allowed returns the prefix clients must come from.
func Allowed() netip.Prefix {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Allowed
}

// Started returns when the configuration was loaded.
func Started() time.Time {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Started
}

// Region returns the interned region name.
func Region() unique.Handle[string] {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Region
}

// Tags returns a copy of the tags.
func Tags() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]string(nil), cur.Dereference(s).Tags...)
}

// Snapshot returns a copy of the config without its reference fields.
func Snapshot() Config {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := *cur.Dereference(s)
	c.Tags = slices.Clone(c.Tags)
	c.Limits = nil
	c.Inner = nil
	return c
}

// SetListen publishes a copy of the config listening on ap.
func SetListen(ap netip.AddrPort, now time.Time) {
	mu.Lock()
	defer mu.Unlock()
	next := *cur.Protected(&mu)
	next.Listen = ap
	next.Addr = ap.Addr()
	next.Started = now
	cur.Assign(&next)
}
