package flow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// checkFlavours (RCU5001) compares, for each Pointer or List, the domains of its readers (the
// domain of the section at each Dereference or All whose section is known)
// with the domains each update waits for afterwards, in the same function
// (Synchronize, Call, or a helper that does either, on some path). An
// update that waits for no grace period is left alone (its caller may wait),
// and so is one that waits for a domain that cannot be told. It reports at
// an update of this package, naming the reader it leaves exposed; or, when
// only the reader is in this package and the update in a package it
// depends on, at the reader.
func (e *engine) checkFlavours(res *pointerUses) {
	for _, l := range res.local {
		a := &l.Record
		if a.Read {
			for _, u := range res.all[a.Pointer] {
				if u.Read || u.Pkg == a.Pkg || !retiresKnown(u) || slices.Contains(u.Waits, a.Domain) {
					continue
				}
				e.report(flavourAtReader, l.pos, fmt.Sprintf("%s of %s under %s, but the update at %s waits only for %s: the old object may be destroyed while this reader holds it; read under the updater's domain, or make the updater wait for %s too",
					a.Op, a.Name, e.domainName(a.Domain), u.Where(res.pkg), domains(u.Waits), e.domainName(a.Domain)))
				break
			}
			continue
		}
		if !retiresKnown(a) {
			continue
		}
		for _, r := range res.all[a.Pointer] {
			if !r.Read || slices.Contains(a.Waits, r.Domain) {
				continue
			}
			// At the wait that has the wrong flavour (the first, when the
			// update waits for several domains), with the update and the
			// reader as related positions.
			at, by := l.pos, a.Op
			for _, w := range l.waitAt {
				if w.pos.IsValid() && w.by != "" && (at == l.pos || e.comparePos(w.pos, at) < 0) {
					at, by = w.pos, w.by
				}
			}
			f := e.report(flavourAtUpdate, at, fmt.Sprintf("%s waits for a grace period of %s only, but the old value of %s, which %s unpublished (at %s), is read under %s by the reader at %s: wait for a grace period of every domain its readers use (or read under one domain)",
				by, domains(a.Waits), a.Name, a.Op, e.at(l.pos), e.domainName(r.Domain), r.Where(res.pkg)))
			if at != l.pos {
				f.Related = append(f.Related, Related{Pos: l.pos, Message: a.Op + " unpublishes the old value here"})
			}
			if p, ok := res.posOf[r.key()]; ok {
				f.Related = append(f.Related, Related{Pos: p, Message: "a reader under " + e.domainName(r.Domain)})
			}
			break
		}
	}
}

// retiresKnown reports whether update u waits for grace periods of known
// domains.
func retiresKnown(u *Record) bool { return len(u.Waits) > 0 && !u.WaitsUnknown && !u.CAS }

func domains(ds []ident.Class) string {
	var names []string
	for _, d := range ds {
		names = append(names, d.ShortDomainName())
	}
	return strings.Join(names, " and ")
}

// domainName names a domain class for messages, as ShortDomainName does,
// but says QSBR for a QSBR domain of the package (a class names where a
// domain lives, not its flavour).
func (e *engine) domainName(c ident.Class) string {
	if containsClass(e.homes().domains, c) {
		return strings.Replace(c.ShortDomainName(), "SRCU", "QSBR", 1)
	}
	return c.ShortDomainName()
}
