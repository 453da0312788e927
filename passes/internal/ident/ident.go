// Package ident names the things rcuvet's checks compare across functions
// and packages: the domain a section, wait or callback belongs to, the
// lock an updater holds, the Pointer it updates, the channel or flag that
// stops a poster. Such a thing is named by its Class: classic RCU, a
// package variable, a field of a struct type (every value of the type
// keeps its domain or lock in the same field), a parameter of the function
// (in summaries, mapped to the argument at each call), or a domain made
// inside a function. A Class is a small comparable value: it keys maps,
// travels in facts, and renders itself for messages.
package ident

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// Kind says what a Class names.
type Kind uint8

const (
	Unknown Kind = iota // cannot be told
	Classic             // classic RCU's one domain
	Global              // a package variable
	Field               // a field of a struct type
	Param               // a parameter of the function (summaries)
	Local               // a domain made inside a function
)

// Class names a domain, lock, pointer, channel or flag.
type Class struct {
	Kind   Kind
	Path   string    // Global: the package path; Field: the struct type, as types.TypeString writes it
	Name   string    // Global: the variable; Field: the field
	Param  int       // Param: the parameter's index (a receiver is 0)
	Pos    token.Pos // Local: where the domain is made
	Derefs int       // the value is loaded through a pointer this many times
	Read   bool      // a lock taken for reading (the read side of an RWMutex)
	Elem   bool      // an element of the slice, array or map the rest names
}

// ClassicRCU is the class of classic RCU's domain.
var ClassicRCU = Class{Kind: Classic}

// GlobalVar returns the class of package variable name of package path.
func GlobalVar(path, name string) Class { return Class{Kind: Global, Path: path, Name: name} }

// FieldOf returns the class of field name of the struct type typ.
func FieldOf(typ, name string) Class { return Class{Kind: Field, Path: typ, Name: name} }

// ParamAt returns the class of the function's parameter i.
func ParamAt(i int) Class { return Class{Kind: Param, Param: i} }

// MadeAt returns the class of a domain made inside a function at pos.
func MadeAt(pos token.Pos) Class { return Class{Kind: Local, Pos: pos} }

// Element returns the class of the elements of the slice, array or map
// that c names (every element of it is one class), or the unknown class.
func (c Class) Element() Class {
	if !c.Known() || c.IsParam() {
		return Class{}
	}
	c.Derefs, c.Elem = 0, true
	return c
}

// Known reports whether c names something.
func (c Class) Known() bool { return c.Kind != Unknown }

// IsParam reports whether c names a parameter (to be mapped at a call).
func (c Class) IsParam() bool { return c.Kind == Param }

// Loaded returns the class of the value loaded through c.
func (c Class) Loaded() Class {
	c.Derefs++
	return c
}

// Reading returns c taken for reading.
func (c Class) Reading() Class {
	c.Read = true
	return c
}

// Var returns c as the variable or field itself, however many loads
// through it a value took: a domain held by pointer is the same domain.
func (c Class) Var() Class {
	c.Derefs = 0
	return c
}

// Base returns c without its read side.
func (c Class) Base() Class {
	c.Read = false
	return c
}

// String writes c canonically: "classic", "g:path.name", "f:type.field",
// "p1", "l:pos", prefixed with a "*" per load and followed by "(r)" for
// a read lock. It orders classes in facts and messages; nothing parses it.
func (c Class) String() string {
	var s string
	switch c.Kind {
	case Classic:
		s = "classic"
	case Global:
		s = "g:" + c.Path + "." + c.Name
	case Field:
		s = "f:" + c.Path + "." + c.Name
	case Param:
		s = "p" + strconv.Itoa(c.Param)
	case Local:
		s = "l:" + strconv.Itoa(int(c.Pos))
	default:
		return ""
	}
	s = strings.Repeat("*", c.Derefs) + s
	if c.Elem {
		s += "[]"
	}
	if c.Read {
		s += "(r)"
	}
	return s
}

// Compare orders classes as their canonical strings do.
func Compare(a, b Class) int { return strings.Compare(a.String(), b.String()) }

// DomainName describes c as a domain, for messages: "classic RCU", "SRCU
// domain cur", "the SRCU domain in field example.com/app.Cache.dom".
func (c Class) DomainName() string {
	if c.Derefs > 1 {
		return "an SRCU domain"
	}
	switch c.Kind {
	case Classic:
		return "classic RCU"
	case Global:
		return "SRCU domain " + c.Name
	case Field:
		return "the SRCU domain in field " + c.Path + "." + c.Name
	}
	return "an SRCU domain"
}

// ShortDomainName is DomainName with the package path left out of a
// field's type: "the SRCU domain in field Cache.dom".
func (c Class) ShortDomainName() string {
	if c.Kind == Field && c.Derefs <= 1 {
		return "the SRCU domain in field " + c.shortField()
	}
	return c.DomainName()
}

// PointerName names c as a variable or field, for messages: "current",
// "registry.cur".
func (c Class) PointerName() string {
	name := ""
	switch c.Kind {
	case Global:
		name = c.Name
	case Field:
		name = c.shortField()
	}
	if c.Elem && name != "" {
		name += "[i]"
	}
	return name
}

// LockName names c as a lock, for messages: "mu", "srv.mu (read)".
func (c Class) LockName() string {
	name := c.PointerName()
	if c.Read {
		name += " (read)"
	}
	return name
}

// shortField writes a field class as Type.field, without the package path.
func (c Class) shortField() string {
	s := c.Path + "." + c.Name
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.Index(s, "."); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// Exported reports whether code of other packages can name c: an
// exported package variable or field.
func (c Class) Exported() bool {
	return (c.Kind == Global || c.Kind == Field) && ast.IsExported(c.Name)
}
