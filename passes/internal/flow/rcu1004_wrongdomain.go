package flow

import (
	"fmt"
	"go/token"
)

// RCU1004: a section ended on another domain than the one that began it.
// checkEnd (rcu1003_balance.go) compares, where a section value is ended,
// the domain of the end with the domain of every section the value may
// hold; domains differ when one is classic and the other an SRCU domain,
// or both are SRCU domains named by different values.

// reportWrongDomain records that by, on domain d, ends section token i of
// another domain at pos.
func (w *walker) reportWrongDomain(i int, pos token.Pos, by string, d domain) {
	w.report(wrongDomain, i, pos, func(s section) string {
		fix := "end a section on the domain that began it"
		if call := w.g.e.sameReceiver(s.at, by, w.g.e.argsAt(pos)...); call != "" {
			fix = "end it on the domain that began it: " + call
		}
		return fmt.Sprintf("%s of %s ends %s of %s; %s", by, d.name, w.g.e.describe(s), s.domain, fix)
	})
}
