// Case: ctorthenstore
// Source: idiom: a constructor finishes the object, through its own pointer-receiver methods, before it is stored (Documentation/RCU/checklist.rst item 4); opencensus-go PR #763 fix shape
// Kind: idiom
package ctorthenstore

import (
	"log"
	"sort"
	"sync/atomic"
)

type Rule struct {
	Path  string
	Limit int
}

type RuleSet struct {
	rules  []Rule
	byPath map[string]int
}

func (rs *RuleSet) add(path string, limit int) {
	rs.rules = append(rs.rules, Rule{Path: path, Limit: limit})
}

func (rs *RuleSet) index() {
	sort.Slice(rs.rules, func(i, j int) bool { return rs.rules[i].Path < rs.rules[j].Path })
	rs.byPath = make(map[string]int, len(rs.rules))
	for i, r := range rs.rules {
		rs.byPath[r.Path] = i
	}
}

func (rs *RuleSet) Limit(path string) (int, bool) {
	i, ok := rs.byPath[path]
	if !ok {
		return 0, false
	}
	return rs.rules[i].Limit, true
}

var active atomic.Pointer[RuleSet]

func newRuleSet(cfg map[string]int) *RuleSet {
	rs := &RuleSet{}
	for p, l := range cfg {
		rs.add(p, l)
	}
	rs.index()
	return rs
}

// Apply is called by the single config watcher goroutine.
func Apply(cfg map[string]int) {
	rs := newRuleSet(cfg)
	active.Store(rs)
	if n, ok := rs.Limit("/"); ok {
		log.Printf("rules applied: %d, root limit %d", len(rs.rules), n)
	}
}
