// Case: getters that return every usual kind of fresh copy of protected slices, maps and strings
// Source: idiom: append([]T(nil), s...), append(s[:0:0], s...), slices.Clone, maps.Clone, bytes.Clone, strings.Clone, copy into a slice the function made, string(b), []byte(s), strings.Builder and strings.Join all produce memory the section does not protect (issue 13 item 1)
// Kind: idiom

package freshcopies

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Route is a published HTTP route.
type Route struct {
	Name    string
	Path    []byte
	Methods []string
	Ports   []int
	Headers map[string]string
	Body    []byte
}

var (
	mu    sync.Mutex
	route rcuapi.Pointer[Route]
)

func read[T any](f func(r *Route) T) T {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return f(route.Dereference(s))
}

// Methods returns a copy of the allowed methods.
func Methods() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]string(nil), route.Dereference(s).Methods...)
}

// Ports returns a copy of the ports.
func Ports() []int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := route.Dereference(s).Ports
	return append(p[:0:0], p...)
}

// MethodsSorted returns the methods, sorted.
func MethodsSorted() []string {
	s := rcuapi.ReadLock()
	m := slices.Clone(route.Dereference(s).Methods)
	rcuapi.ReadUnlock(s)
	slices.Sort(m)
	return m
}

// Headers returns a copy of the header map.
func Headers() map[string]string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return maps.Clone(route.Dereference(s).Headers)
}

// Body returns a copy of the canned body.
func Body() []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return bytes.Clone(route.Dereference(s).Body)
}

// Name returns a copy of the name.
func Name() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return strings.Clone(route.Dereference(s).Name)
}

// PathCopy copies the path into a slice it makes.
func PathCopy() []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := route.Dereference(s).Path
	out := make([]byte, len(p))
	copy(out, p)
	return out
}

// Path returns the path as a string.
func Path() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return string(route.Dereference(s).Path)
}

// NameBytes returns the name as a new byte slice.
func NameBytes() []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return []byte(route.Dereference(s).Name)
}

// Describe builds a one-line description.
func Describe() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	r := route.Dereference(s)
	var b strings.Builder
	b.WriteString(r.Name)
	b.WriteByte(' ')
	b.Write(r.Path)
	b.WriteString(" [" + strings.Join(r.Methods, ",") + "]")
	return b.String()
}

// BodyLen uses a generic helper that returns a value.
func BodyLen() int {
	return read(func(r *Route) int { return len(r.Body) })
}

// SetMethods publishes a copy of the route with new methods.
func SetMethods(m []string) {
	mu.Lock()
	defer mu.Unlock()
	next := *route.Protected(&mu)
	next.Methods = slices.Clone(m)
	route.Assign(&next)
}
