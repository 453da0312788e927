// Case: hot-reloadable server config handing out values: netip and time fields, cloned slices and maps, a scrubbed struct copy
// Source: idiom: config snapshots are read on every request and copied out of the section as values, so callers never hold protected memory
// Kind: idiom

package cfgvalues

import (
	"maps"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type TLS struct {
	CertPEM []byte
	KeyPEM  []byte
}

type Config struct {
	Listen  netip.AddrPort
	Trusted []netip.Prefix
	Started time.Time
	Timeout time.Duration
	Name    string
	Tags    []string
	Limits  map[string]int
	TLS     *TLS
	RawMOTD []byte
}

var (
	mu  sync.Mutex
	cur rcuapi.Pointer[Config]
)

func Listen() netip.AddrPort {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Listen
}

func Started() time.Time {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Started
}

func Tags() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]string(nil), cur.Dereference(s).Tags...)
}

func Trusted() []netip.Prefix {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return slices.Clone(cur.Dereference(s).Trusted)
}

func Limits() map[string]int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return maps.Clone(cur.Dereference(s).Limits)
}

func Name() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return strings.Clone(cur.Dereference(s).Name)
}

func MOTD() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return string(cur.Dereference(s).RawMOTD)
}

// Snapshot returns a copy whose reference fields are either cloned or cleared.
func Snapshot() Config {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := *cur.Dereference(s)
	c.Tags = slices.Clone(c.Tags)
	c.Trusted = slices.Clone(c.Trusted)
	c.Limits = nil
	c.TLS = nil
	c.RawMOTD = nil
	return c
}

// Update publishes a new config built from the current one.
func Update(f func(*Config)) {
	mu.Lock()
	defer mu.Unlock()
	next := *cur.Protected(&mu)
	next.Tags = slices.Clone(next.Tags)
	next.Trusted = slices.Clone(next.Trusted)
	next.Limits = maps.Clone(next.Limits)
	f(&next)
	cur.Assign(&next)
}

func init() {
	cur.Init(&Config{Started: time.Now(), Limits: map[string]int{}})
}
