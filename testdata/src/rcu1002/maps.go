package rcu1002

import "github.com/rcuvet/rcuvet/rcuapi"

// rcuapi.Map: what Load and Range return is protected by the Section they
// are given, like what Dereference returns.

var cfgMap rcuapi.Map[string, *config]

// mapValueAfterUnlock uses a value loaded from the map after the section.
func mapValueAfterUnlock(name string) int {
	s := rcuapi.ReadLock()
	c, ok := cfgMap.Load(s, name)
	rcuapi.ReadUnlock(s)
	if !ok {
		return 0
	}
	return c.port // want `RCU1002: a pointer obtained under the section begun by ReadLock at maps.go:\d+ is used after the section ended at maps.go:\d+`
}

// mapValueReturned returns a value loaded from the map past its section.
func mapValueReturned(name string) *config {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c, _ := cfgMap.Load(s, name)
	return c // want `RCU1002: a pointer obtained under the section begun by ReadLock at maps.go:\d+ is returned, but the section ends in a deferred ReadUnlock`
}

// okMapCopy copies what it needs inside the section.
func okMapCopy() (total int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, c := range cfgMap.Range(s) {
		total += c.port
	}
	return total
}
