// Command gen writes a Go module that uses rcuapi heavily, for the analyzer
// benchmark in the parent directory: many packages, each with RCU-protected
// Pointers and Lists, classic and SRCU read-side sections, helpers that take
// a Section and are called from other packages, closures run inside
// sections, range over List.All, goroutines with sections of their own,
// updaters that retire old values with rcuapi.Call, Synchronize and SRCU
// callbacks, and loadable rcuapi.Modules whose Exit calls Barrier.
//
//	go run ./bench/analyzer/gen -scale 2 -o /tmp/corpus2x
//	cd /tmp/corpus2x && GOFLAGS=-mod=mod go mod tidy && go build ./...
//
// The code is correct RCU usage: rcuvet reports nothing on it (the
// benchmark checks that), so the benchmark measures analysis, not
// reporting. Its size is proportional to -scale: scale N has N times the
// packages of scale 1, every package the same size, so that "2x" and "4x"
// mean twice and four times the code. Package i imports a shared package
// core and packages i-1 and i/2, so the import graph gets both deeper and
// wider as it grows.
//
// The module replaces github.com/rcuvet/rcuvet with the directory -root
// (by default the repository gen is run from).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/template"
)

// ModulePath is the module path of the generated module.
const ModulePath = "rcubench.example/corpus"

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	scale := flag.Int("scale", 1, "size of the module: scale N has N times the packages of scale 1")
	perScale := flag.Int("packages", 40, "packages per unit of scale (besides core)")
	groups := flag.Int("groups", 8, "groups of functions per package (about 250-290 lines each)")
	out := flag.String("o", "", "directory to write the module to (created; must not exist or be empty)")
	root := flag.String("root", "", "directory of the rcuvet module to replace github.com/rcuvet/rcuvet with (default: the module gen runs in)")
	flag.Parse()
	if *out == "" || *scale < 1 || *perScale < 1 || *groups < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if *root == "" {
		b, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/rcuvet/rcuvet").Output()
		if err != nil {
			log.Fatalf("finding the rcuvet module (use -root): %v", err)
		}
		*root = strings.TrimSpace(string(b))
	}
	abs, err := filepath.Abs(*root)
	if err != nil {
		log.Fatal(err)
	}
	lines, err := Generate(*out, abs, *scale**perScale, *groups)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s: %d packages besides core, %d lines of Go\n", *out, *scale**perScale, lines)
}

// Generate writes the module to dir: go.mod, package core and n packages
// p000... with groups groups of functions each. It returns the number of
// lines of Go it wrote.
func Generate(dir, root string, n, groups int) (lines int, err error) {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return 0, fmt.Errorf("%s is not empty", dir)
	}
	// The corpus imports only rcuapi, a module of its own in the clone.
	gomod := fmt.Sprintf("module %s\n\ngo 1.26.0\n\nrequire github.com/rcuvet/rcuvet/rcuapi v0.0.0\n\nreplace github.com/rcuvet/rcuvet/rcuapi => %s\n", ModulePath, filepath.Join(root, "rcuapi"))
	if err := write(filepath.Join(dir, "go.mod"), []byte(gomod)); err != nil {
		return 0, err
	}
	l, err := render(filepath.Join(dir, "core", "core.go"), coreTmpl, nil)
	if err != nil {
		return 0, err
	}
	lines += l
	for i := 0; i < n; i++ {
		p := pkgData{Name: pkgName(i), Index: i}
		// Package i uses core and packages i-1 and i/2.
		p.Deps = append(p.Deps, dep{Alias: "core", Path: ModulePath + "/core", Var: "core.Default"})
		if i > 0 {
			p.Deps = append(p.Deps, dep{Alias: "prev", Path: ModulePath + "/" + pkgName(i-1), Var: "prev.Default", Table: true})
		}
		if h := i / 2; h != i-1 && h != i {
			p.Deps = append(p.Deps, dep{Alias: "half", Path: ModulePath + "/" + pkgName(h), Var: "half.Default", Table: true})
		}
		for g := 0; g < groups; g++ {
			p.Groups = append(p.Groups, g)
		}
		l, err := render(filepath.Join(dir, p.Name, p.Name+".go"), pkgTmpl, p)
		if err != nil {
			return 0, err
		}
		lines += l
	}
	return lines, nil
}

func pkgName(i int) string { return fmt.Sprintf("p%03d", i) }

type dep struct {
	Alias, Path string
	Var         string // the dependency's *Table
	Table       bool   // a generated package (with the groups' methods), not core
}

type pkgData struct {
	Name   string
	Index  int
	Deps   []dep
	Groups []int
}

func render(path string, t *template.Template, data any) (int, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return 0, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%s", path, err, buf.Bytes())
	}
	return bytes.Count(src, []byte("\n")), write(path, src)
}

func write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o666)
}

var coreTmpl = template.Must(template.New("core").Parse(`// Package core is the shared part of a module generated by rcuvet's
// bench/analyzer/gen: a configuration protected by classic RCU and
// read-side helpers that the other packages call with their sections.
package core

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Settings is the process-wide configuration.
type Settings struct {
	Name    string
	Port    int
	Verbose bool
	Tags    []string
}

// Store holds the current Settings.
type Store struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[Settings]
}

// Default is the process-wide store.
var Default = NewStore()

// NewStore returns a store with default settings.
func NewStore() *Store {
	st := &Store{}
	st.cur.Init(&Settings{Name: "core", Port: 80})
	return st
}

// Port dereferences under the section it is given.
func (st *Store) Port(s rcuapi.Section) int { return st.cur.Dereference(s).Port }

// Get returns the settings loaded under s: they may be used only while s
// is live.
func (st *Store) Get(s rcuapi.Section) *Settings { return st.cur.Dereference(s) }

// Tagged reports whether the settings carry tag.
func (st *Store) Tagged(s rcuapi.Section, tag string) bool {
	for _, t := range st.cur.Dereference(s).Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Begin begins a classic section for the caller, who must end it with End.
func Begin() rcuapi.Section { return rcuapi.ReadLock() }

// End ends a section begun by Begin.
func End(s rcuapi.Section) { rcuapi.ReadUnlock(s) }

// Update publishes new settings and retires the old ones after a grace
// period.
func (st *Store) Update(port int, tags []string) {
	st.mu.Lock()
	old := st.cur.Protected(&st.mu)
	next := &Settings{Name: old.Name, Port: port, Verbose: old.Verbose, Tags: tags}
	st.cur.Assign(next)
	st.mu.Unlock()
	rcuapi.Synchronize()
	old.Tags = nil
}
`))

var pkgTmpl = template.Must(template.New("pkg").Parse(`// Package {{.Name}} was generated by rcuvet's bench/analyzer/gen.
package {{.Name}}

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
{{range .Deps}}	{{.Alias}} "{{.Path}}"
{{end}})

// Config is read by readers under classic RCU.
type Config struct {
	Name  string
	Port  int
	Limit int
	Peers []string
}

// Entry is an element of the table's list.
type Entry struct {
	Key   string
	Value int
}

// PeerSet is read under the table's SRCU domain.
type PeerSet struct {
	Names []string
	Epoch int
}

// Table is the package's RCU-protected state.
type Table struct {
	mu      sync.Mutex // serialises updaters
	cfg     rcuapi.Pointer[Config]
	entries rcuapi.List[Entry]
	dom     *rcuapi.SRCU
	peers   rcuapi.Pointer[PeerSet]
	stopped atomic.Bool
	retired atomic.Int64
}

// Default is the package's table.
var Default = NewTable()

// NewTable returns a table with a default configuration.
func NewTable() *Table {
	t := &Table{dom: rcuapi.NewSRCU("{{.Name}}")}
	t.cfg.Init(&Config{Name: "{{.Name}}", Port: {{.Index}}})
	t.peers.Init(&PeerSet{})
	return t
}

// PeersOf returns the peer set loaded under s, a section of the table's
// SRCU domain.
func (t *Table) PeersOf(s rcuapi.Section) *PeerSet { return t.peers.Dereference(s) }
{{range $g := .Groups}}
// Port{{$g}} dereferences under the section it is given.
func (t *Table) Port{{$g}}(s rcuapi.Section) int {
	return t.cfg.Dereference(s).Port + {{$g}}
}

// Get{{$g}} returns the configuration loaded under s.
func (t *Table) Get{{$g}}(s rcuapi.Section) *Config {
	return t.cfg.Dereference(s)
}

// Sum{{$g}} adds up the entries whose key has prefix, under s.
func (t *Table) Sum{{$g}}(s rcuapi.Section, prefix string) int {
	total := 0
	for e := range t.entries.All(s) {
		if strings.HasPrefix(e.Value.Key, prefix) {
			total += e.Value.Value
		}
	}
	return total
}

// Lookup{{$g}} reads the list in a classic section of its own.
func (t *Table) Lookup{{$g}}(key string) (int, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range t.entries.All(s) {
		if e.Value.Key == key {
			return e.Value.Value + {{$g}}, true
		}
	}
	return 0, false
}

// Report{{$g}} reads this table and its dependencies' in one section,
// through their helpers, and copies out what it needs.
func Report{{$g}}(t *Table) (name string, port, total int) {
	s := rcuapi.ReadLock()
	c := t.Get{{$g}}(s)
	name = c.Name
	port = t.Port{{$g}}(s) + len(c.Peers)
	total = t.Sum{{$g}}(s, "k")
{{- range $.Deps}}
{{- if .Table}}
	port += {{.Var}}.Port{{$g}}(s)
	total += {{.Var}}.Sum{{$g}}(s, name)
	if d := {{.Var}}.Get{{$g}}(s); d.Limit > total {
		total = d.Limit
	}
{{- else}}
	port += {{.Var}}.Port(s)
	if {{.Var}}.Tagged(s, name) {
		total++
	}
{{- end}}
{{- end}}
	rcuapi.ReadUnlock(s)
	return name, port, total
}

// Visit{{$g}} hands each entry to fn inside a section.
func (t *Table) Visit{{$g}}(fn func(key string, v int) bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range t.entries.All(s) {
		if !fn(e.Value.Key, e.Value.Value) {
			return
		}
	}
}

// Count{{$g}} counts through Visit{{$g}} with a closure.
func (t *Table) Count{{$g}}(min int) int {
	n := 0
	t.Visit{{$g}}(func(_ string, v int) bool {
		if v >= min {
			n++
		}
		return n < 1000
	})
	return n
}

// Limit{{$g}} reads the configuration in a closure run inside the section.
func (t *Table) Limit{{$g}}() int {
	s := rcuapi.ReadLock()
	limit := func() int {
		c := t.cfg.Dereference(s)
		if c.Limit > 0 {
			return c.Limit
		}
		return len(c.Peers) + {{$g}}
	}()
	rcuapi.ReadUnlock(s)
	return limit
}

// Peer{{$g}} reads the peer set under the SRCU domain, ending the section on
// every path.
func (t *Table) Peer{{$g}}(i int) (string, bool) {
	s := t.dom.ReadLock()
	p := t.PeersOf(s)
	if i < 0 || i >= len(p.Names) {
		t.dom.ReadUnlock(s)
		return "", false
	}
	name := p.Names[i]
	t.dom.ReadUnlock(s)
	return name, true
}
{{- range $.Deps}}{{if .Table}}

// Remote{{$g}}{{.Alias}} reads the peers of a dependency's table under its
// SRCU domain, through the dependency's helpers.
func Remote{{$g}}{{.Alias}}(i int) (name string, ok bool) {
	s := {{.Var}}.Begin{{$g}}()
	if p := {{.Var}}.PeersOf(s); i >= 0 && i < len(p.Names) {
		name, ok = p.Names[i], true
	}
	{{.Var}}.End{{$g}}(s)
	return name, ok
}
{{- end}}{{end}}

// Begin{{$g}} begins a section of the table's SRCU domain for the caller,
// who must end it with End{{$g}}.
func (t *Table) Begin{{$g}}() rcuapi.Section { return t.dom.ReadLock() }

// End{{$g}} ends a section begun by Begin{{$g}}.
func (t *Table) End{{$g}}(s rcuapi.Section) { t.dom.ReadUnlock(s) }

// Poll{{$g}} begins one section per key.
func (t *Table) Poll{{$g}}(keys []string) int {
	found := 0
	for _, k := range keys {
		s := core.Begin()
		for e := range t.entries.All(s) {
			if e.Value.Key == k {
				found++
				break
			}
		}
		core.End(s)
	}
	return found
}

// Classify{{$g}} returns early from several branches, ending the section on
// each.
func (t *Table) Classify{{$g}}(key string) int {
	s := rcuapi.ReadLock()
	c := t.cfg.Dereference(s)
	switch {
	case c.Limit == 0:
		rcuapi.ReadUnlock(s)
		return -1
	case strings.HasPrefix(key, c.Name):
		n := len(c.Peers)
		rcuapi.ReadUnlock(s)
		return n
	}
	for _, p := range c.Peers {
		if p == key {
			rcuapi.ReadUnlock(s)
			return 1
		}
	}
	rcuapi.ReadUnlock(s)
	return 0
}

// Watch{{$g}} reads the port from a goroutine, in sections of its own.
func (t *Table) Watch{{$g}}(tick <-chan struct{}, out chan<- int) {
	go func() {
		for range tick {
			s := rcuapi.ReadLock()
			p := t.cfg.Dereference(s).Port
			rcuapi.ReadUnlock(s)
			out <- p
		}
		close(out)
	}()
}

// SetPort{{$g}} publishes a new configuration and retires the old one with
// a callback.
func (t *Table) SetPort{{$g}}(port int) {
	t.mu.Lock()
	old := t.cfg.Protected(&t.mu)
	next := &Config{Name: old.Name, Port: port + {{$g}}, Limit: old.Limit, Peers: old.Peers}
	t.cfg.Assign(next)
	t.mu.Unlock()
	if !t.stopped.Load() {
		rcuapi.Call(func() {
			t.retired.Add(1)
		})
	}
}

// Put{{$g}} replaces or adds an entry.
func (t *Table) Put{{$g}}(key string, v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for e := range t.entries.AllProtected(&t.mu) {
		if e.Value.Key == key {
			t.entries.Replace(e, Entry{Key: key, Value: v})
			return
		}
	}
	t.entries.PushBack(Entry{Key: key, Value: v + {{$g}}})
}

// Drop{{$g}} removes an entry and waits for readers before clearing it.
func (t *Table) Drop{{$g}}(key string) {
	t.mu.Lock()
	var victim *rcuapi.Element[Entry]
	for e := range t.entries.AllProtected(&t.mu) {
		if e.Value.Key == key {
			victim = e
			break
		}
	}
	if victim != nil {
		t.entries.Remove(victim)
	}
	t.mu.Unlock()
	if victim != nil {
		rcuapi.Synchronize()
		victim.Value = Entry{}
	}
}

// SetPeers{{$g}} publishes a new peer set under the SRCU domain and retires
// the old one with an SRCU callback.
func (t *Table) SetPeers{{$g}}(names []string) {
	t.mu.Lock()
	old := t.peers.Protected(&t.mu)
	t.peers.Assign(&PeerSet{Names: names, Epoch: old.Epoch + {{$g}} + 1})
	t.mu.Unlock()
	t.dom.Call(func() {
		t.retired.Add(int64(len(old.Names)))
	})
}

// Module{{$g}} returns a loadable module that adds an entry at Init and
// removes it at Exit, waiting for its callbacks.
func Module{{$g}}(t *Table) *rcuapi.Module {
	return &rcuapi.Module{
		Name: "{{$.Name}}.{{$g}}",
		Init: func() error {
			t.Put{{$g}}("mod{{$g}}", {{$g}})
			return nil
		},
		Exit: func() {
			t.stopped.Store(true)
			t.Drop{{$g}}("mod{{$g}}")
			rcuapi.Barrier()
			t.dom.Barrier()
		},
	}
}

// Held{{$g}} takes a reference on every loaded module, under a section.
func Held{{$g}}() []*rcuapi.Module {
	var held []*rcuapi.Module
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		if m.TryGet() {
			held = append(held, m)
		}
	}
	rcuapi.ReadUnlock(s)
	return held
}
{{end}}`))
