// Case: batch resolver looks every name up in its own short section, written as a function literal called once per iteration with a deferred ReadUnlock, and does the slow work between iterations
// Source: idiom: per-iteration closures with defer in Go (defer runs when the literal returns, not at the end of the loop); one short section per item (Documentation/RCU/whatisRCU.rst)
// Kind: idiom

package closureperiter

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type hosts struct {
	addrs map[string]string
}

type Resolver struct {
	tbl rcuapi.Pointer[hosts]
}

func (r *Resolver) ResolveAll(names []string) map[string]string {
	out := make(map[string]string, len(names))
	for _, name := range names {
		addr, ok := func() (string, bool) {
			s := rcuapi.ReadLock()
			defer rcuapi.ReadUnlock(s)
			a, ok := r.tbl.Dereference(s).addrs[name]
			return a, ok
		}()
		if !ok {
			ips, err := net.LookupHost(name)
			if err != nil || len(ips) == 0 {
				continue
			}
			addr = ips[0]
		}
		out[name] = addr
	}
	return out
}
