package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type table struct{ addrs map[string]string }

var routes rcuapi.Pointer[table]

// Lookup returns early with its section still open.
func Lookup(name string) (string, bool) {
	s := rcuapi.ReadLock()
	t := routes.Dereference(s)
	if t == nil {
		return "", false // want RCU1003
	}
	addr, ok := t.addrs[name]
	rcuapi.ReadUnlock(s)
	return addr, ok
}
