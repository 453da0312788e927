package flow

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// checkUpdaters (RCU2003) compares, for each Pointer or List this package updates, each
// of its updates with every other update known (of this package or of the
// packages it depends on). Two updates conflict when they hold no lock in
// common and at least one of them holds a lock: that lock shows how the
// updaters mean to exclude each other, and the other update does without
// it. Updates that hold no lock at all are a single updater's (a loader,
// then a reload goroutine) as often as not, and are not reported. Left
// out: CompareAndSwap (lock-free by design), functions whose callers
// cannot all be seen (called through a function value or an interface,
// or named ...Locked), functions and pointers annotated
// //rcu:single-updater, and an exported function paired with an update
// under a lock that other packages can take.
func (e *engine) checkUpdaters(res *pointerUses) {
	for _, l := range res.local {
		a := &l.Record
		if a.Read || !eligible(a) || res.single[a.Pointer] {
			continue
		}
		if claimsSingle(a) {
			// rcuapi.SingleUpdater says this is the only updater: any
			// other update that does not say so too belies it.
			for _, b := range res.all[a.Pointer] {
				if b.Read || !eligible(b) || same(a, b) || claimsSingle(b) || len(b.Locks) == 0 {
					continue
				}
				e.report(updatersUnlocked, l.pos, fmt.Sprintf("%s updates %s naming rcuapi.SingleUpdater, but it is not the only updater: the update at %s %s; hold that lock here too",
					a.Op, a.Name, b.Where(res.pkg), holdingOther(b)))
				break
			}
			continue
		}
		for _, b := range res.all[a.Pointer] {
			if b.Read || !eligible(b) || same(a, b) || !conflict(a, b) {
				continue
			}
			if b.Pkg == a.Pkg && !e.lacksLock(a, b) {
				continue // reported at b
			}
			e.report(updatersUnlocked, l.pos, fmt.Sprintf("%s updates %s %s, but the update at %s %s: updaters of one Pointer or List must exclude each other; hold a common lock for every update (or mark a single updater //rcu:single-updater)",
				a.Op, a.Name, holding(a), b.Where(res.pkg), holdingOther(b)))
			break
		}
	}
}

// lacksLock says whether of two conflicting updates of one package, a is
// the one to report, where the fix goes: the one that holds fewer locks;
// of two that hold one lock each, fields of one struct, the one whose lock
// is declared later (the lock declared first is, by convention, the one
// that guards the struct's data); and otherwise the first.
func (e *engine) lacksLock(a, b *Record) bool {
	if len(a.Locks) != len(b.Locks) {
		return len(a.Locks) < len(b.Locks)
	}
	if len(a.Locks) == 1 {
		la, lb := a.Locks[0], b.Locks[0]
		if la.Kind == ident.Field && lb.Kind == ident.Field && la.Path == lb.Path && la.Name != lb.Name {
			if ia, ib := e.fieldIndex(la.Path, la.Name), e.fieldIndex(lb.Path, lb.Name); ia >= 0 && ib >= 0 {
				return ia > ib
			}
		}
	}
	return a.At < b.At
}

// fieldIndex returns the index of field name in the struct type of this
// package that types.TypeString writes typ, or -1.
func (e *engine) fieldIndex(typ, name string) int {
	scope := e.pass.Pkg.Scope()
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || types.TypeString(tn.Type(), nil) != typ {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for i := range st.NumFields() {
				if st.Field(i).Name() == name {
					return i
				}
			}
		}
	}
	return -1
}

// claimsSingle reports whether update r names rcuapi.SingleUpdater as its
// lock: it says it is the only updater.
func claimsSingle(r *Record) bool {
	return slices.ContainsFunc(r.Locks, func(c ident.Class) bool {
		return c.Kind == ident.Global && c.Path == rcuapiPath && c.Name == "SingleUpdater"
	})
}

func eligible(r *Record) bool { return !r.CAS && !r.Serialized && !r.Unknown && !r.Single }

func same(a, b *Record) bool { return a.Pkg == b.Pkg && a.At == b.At && a.Op == b.Op }

// conflict reports whether updates a and b hold no lock in common although
// one of them holds one.
func conflict(a, b *Record) bool {
	if len(a.Locks) == 0 && len(b.Locks) == 0 || claimsSingle(a) || claimsSingle(b) {
		return false
	}
	for _, l := range a.Locks {
		if slices.Contains(b.Locks, l) || slices.Contains(b.Locks, l.Base()) {
			return false
		}
	}
	for _, l := range b.Locks {
		if slices.Contains(a.Locks, l.Base()) {
			return false
		}
	}
	// An exported function whose callers in other packages may hold an
	// exported lock of the other update.
	if a.External && slices.ContainsFunc(b.Locks, ident.Class.Exported) ||
		b.External && slices.ContainsFunc(a.Locks, ident.Class.Exported) {
		return false
	}
	return true
}

func holding(r *Record) string {
	if len(r.Locks) == 0 {
		return "holding no lock"
	}
	return "holding only " + strings.Join(r.LockNames, " and ")
}

func holdingOther(r *Record) string {
	if len(r.Locks) == 0 {
		return "holds no lock"
	}
	return "holds " + strings.Join(r.LockNames, " and ")
}
