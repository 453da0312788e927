// Case: loops that end their section around a blocking call and take a new one, without carrying any protected pointer or iterator across the gap
// Source: idiom: issue 13 item 6 (sections re-taken inside a loop body are balanced); the kernel does the same with rcu_read_unlock(); cond_resched(); rcu_read_lock() when nothing is held across
// Kind: idiom

package relockloops

import (
	"net"
	"slices"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Directory maps service names to addresses.
type Directory struct {
	addrs map[string]string
}

var (
	mu      sync.Mutex
	dir     rcuapi.Pointer[Directory]
	dirSrcu rcuapi.SRCU
	slow    rcuapi.Pointer[Directory] // read under dirSrcu
)

func lookup(s rcuapi.Section, name string) (string, bool) {
	a, ok := dir.Dereference(s).addrs[name]
	return a, ok
}

func ping(addr string) {
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
	}
}

// PingAll takes one section per name.
func PingAll(names []string) {
	for _, n := range names {
		s := rcuapi.ReadLock()
		addr, ok := lookup(s, n)
		rcuapi.ReadUnlock(s)
		if ok {
			ping(addr)
		}
	}
}

// PingEach keeps one section variable and re-takes it after each ping.
func PingEach(names []string) {
	s := rcuapi.ReadLock()
	for i := 0; i < len(names); i++ {
		addr, ok := lookup(s, names[i])
		rcuapi.ReadUnlock(s)
		if ok {
			ping(addr)
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
}

// PingSorted ranges over a plain iterator; the yield closure captures s.
func PingSorted(names []string) {
	s := rcuapi.ReadLock()
	for n := range slices.Values(slices.Sorted(slices.Values(names))) {
		addr, ok := lookup(s, n)
		rcuapi.ReadUnlock(s)
		if ok {
			ping(addr)
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
}

// PingSlow does the same on an SRCU domain, with a pause between names.
func PingSlow(names []string) {
	s := dirSrcu.ReadLock()
	for _, n := range names {
		addr, ok := slow.Dereference(s).addrs[n]
		dirSrcu.ReadUnlock(s)
		if ok {
			ping(addr)
		}
		time.Sleep(10 * time.Millisecond)
		s = dirSrcu.ReadLock()
	}
	dirSrcu.ReadUnlock(s)
}

// Set publishes d.
func Set(d *Directory) {
	mu.Lock()
	defer mu.Unlock()
	dir.Assign(d)
}
