package flow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// What an old value is made of, for RCU2004: the values a result may be,
// the object a value was read out of, the value it is a view of, and how
// a call destroys what it is given.

// resultValues returns what a returned value may be: the value, or for a
// load of a result variable (a function with deferred calls), the values
// stored in it.
func resultValues(r ssa.Value) []ssa.Value {
	ld, ok := r.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return []ssa.Value{r}
	}
	a, ok := ld.X.(*ssa.Alloc)
	if !ok || a.Referrers() == nil {
		return []ssa.Value{r}
	}
	var out []ssa.Value
	for _, ref := range *a.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
			out = append(out, st.Val)
		}
	}
	return out
}

// destroyName says how call c destroys its receiver or argument: a method
// named Close, or sync.Pool's Put. "" if it does not.
func destroyName(c *ssa.CallCommon) string {
	if c.IsInvoke() {
		if c.Method.Name() == "Close" {
			return "Close"
		}
		return ""
	}
	fn := c.StaticCallee()
	if fn == nil || fn.Signature.Recv() == nil {
		return ""
	}
	if fn.Name() == "Close" {
		return "Close"
	}
	if methodName(c) == "sync.Pool.Put" {
		return "sync.Pool.Put"
	}
	return ""
}

// elementOf returns the List element whose Value v was read from
// (sess := e.Value), or nil.
func elementOf(v ssa.Value) ssa.Value {
	for i := 0; i < 4 && v != nil; i++ {
		v = oldRoot(v)
		if isRCUType(v.Type(), "Element") {
			return v
		}
		v = ownerOf(v)
	}
	return nil
}

// ownerOf returns the object v was read out of: the struct a field
// was loaded from, the slice, array or map an element was, or nil.
func ownerOf(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return nil
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			return a.X
		case *ssa.IndexAddr:
			return a.X
		}
	case *ssa.Field:
		return x.X
	case *ssa.Index:
		return x.X
	case *ssa.Lookup:
		return x.X
	case *ssa.Extract:
		if n, ok := x.Tuple.(*ssa.Next); ok {
			if r, ok := n.Iter.(*ssa.Range); ok {
				return r.X
			}
		}
	}
	return nil
}

// oldRoot returns the value that v is a view of: v itself, the same value
// converted, or the element whose Value field v is.
func oldRoot(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.TypeAssert:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			fa, ok := x.X.(*ssa.FieldAddr)
			if !ok || fieldName(fa.X.Type(), fa.Field) != "Value" || !isElement(fa.X.Type()) {
				return v
			}
			v = fa.X
		default:
			return v
		}
	}
	return v
}
