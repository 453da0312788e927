package stdbodies

import (
	"go/format"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

const src = `package p

import (
	"errors"
	"strconv"
)

func itoa(i int) string { return strconv.Itoa(i) }

func fail() error { return errors.New("x") }

func any1[T any](v T) T { return v }

func init() { _ = itoa(1) }

type box[T any] struct{ v T }

func (b *box[T]) get() T { return b.v }

func (b *box[T]) String() string { return "box" }
`

// parse parses src as the file name with a Parser of goroot and whole,
// and returns it printed.
func parse(t *testing.T, goroot, name string, whole map[string]bool) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := Parser(goroot, whole)(fset, name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := format.Node(&b, fset, f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestParser(t *testing.T) {
	goroot := filepath.FromSlash("/go")
	dir := filepath.Join(goroot, "src", "p")
	name := filepath.Join(dir, "p.go")

	got := parse(t, goroot, name, nil)
	for _, want := range []string{
		"func itoa(i int) string\n",               // dropped: a concrete result
		"func fail() error { return errors.New(",  // kept: dyntype reads it
		"func any1[T any](v T) T { return v }",    // kept: generic
		"func init() {}",                          // emptied
		"func (b *box[T]) get() T { return b.v }", // kept: a method of a generic type
		`_ "strconv"`,                             // used only by a dropped body
		"\t\"errors\"\n",                          // still used
	} {
		if !strings.Contains(got, want) {
			t.Errorf("a file of the standard library: %q missing from\n%s", want, got)
		}
	}

	// A package being checked, and a file outside GOROOT, are read whole.
	for _, c := range []struct {
		what, name string
		whole      map[string]bool
	}{
		{"a package being checked", name, map[string]bool{dir: true}},
		{"a file outside GOROOT", filepath.Join(filepath.FromSlash("/home/u/p"), "p.go"), nil},
	} {
		if got := parse(t, goroot, c.name, c.whole); !strings.Contains(got, "return strconv.Itoa(i)") || !strings.Contains(got, "_ = itoa(1)") {
			t.Errorf("%s lost a body:\n%s", c.what, got)
		}
	}
}

// TestDotImport: a file that dot-imports a package is left whole, since
// whether its names are still used cannot be told from the syntax.
func TestDotImport(t *testing.T) {
	const dotted = `package p

import . "strconv"

func itoa(i int) string { return Itoa(i) }
`
	goroot := filepath.FromSlash("/go")
	fset := token.NewFileSet()
	f, err := Parser(goroot, nil)(fset, filepath.Join(goroot, "src", "p", "p.go"), []byte(dotted))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	format.Node(&b, fset, f)
	if !strings.Contains(b.String(), "return Itoa(i)") {
		t.Errorf("a body of a file with a dot import was dropped:\n%s", b.String())
	}
}
