// Package flavour holds rcuvet's check of flavour pairing: readers and
// updaters of one Pointer must use the same domain.
//
//   - RCU5001: a Pointer or List read under sections of one domain (classic
//     RCU or an SRCU) and retired, by an update that waits for a grace
//     period, with the grace period of another domain only. Checklist
//     item 7.
package flavour

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
	"github.com/rcuvet/rcuvet/passes/internal/ptrfacts"
)

// RCU5001 reports updates that wait for the grace period of a domain other
// than the one their readers use.
var RCU5001 = check.NewCustom("RCU5001", []*analysis.Analyzer{ptrfacts.Analyzer}, run)

// Analyzers are the flavour checks.
var Analyzers = []*analysis.Analyzer{RCU5001}

// run compares, for each Pointer or List, the domains of its readers (the
// domain of the section at each Dereference or All whose section is known)
// with the domains each update waits for afterwards, in the same function
// (Synchronize, Call, or a helper that does either, on some path). An
// update that waits for no grace period is left alone (its caller may wait),
// and so is one that waits for a domain that cannot be told. It reports at
// an update of this package, naming the reader it leaves exposed; or, when
// only the reader is in this package and the update in a package it
// depends on, at the reader.
func run(pass *analysis.Pass, report check.Report) {
	res := pass.ResultOf[ptrfacts.Analyzer].(*ptrfacts.Result)
	for _, l := range res.Local {
		a := &l.Record
		if a.Read {
			for _, u := range res.All[a.Pointer] {
				if u.Read || u.Pkg == a.Pkg || !retires(u) || slices.Contains(u.Waits, a.Domain) {
					continue
				}
				report(l.Pos, 0, fmt.Sprintf("%s of %s under %s, but the update at %s waits only for %s: the old object may be destroyed while this reader holds it; read under the updater's domain, or make the updater wait for %s too",
					a.Op, a.Name, ptrfacts.DomainName(a.Domain), u.Where(res.Pkg), domains(u.Waits), ptrfacts.DomainName(a.Domain)))
				break
			}
			continue
		}
		if !retires(a) {
			continue
		}
		for _, r := range res.All[a.Pointer] {
			if !r.Read || slices.Contains(a.Waits, r.Domain) {
				continue
			}
			report(l.Pos, 0, fmt.Sprintf("%s retires the old value of %s after a grace period of %s only, but the reader at %s reads it under %s: wait for a grace period of every domain its readers use (or read under one domain)",
				a.Op, a.Name, domains(a.Waits), r.Where(res.Pkg), ptrfacts.DomainName(r.Domain)))
			break
		}
	}
}

// retires reports whether update u waits for grace periods of known domains.
func retires(u *ptrfacts.Record) bool { return len(u.Waits) > 0 && !u.WaitsUnknown && !u.CAS }

func domains(ds []string) string {
	var names []string
	for _, d := range ds {
		names = append(names, ptrfacts.DomainName(d))
	}
	return strings.Join(names, " and ")
}
