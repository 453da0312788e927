// Case: rule evaluator recovers from a panicking user-supplied matcher; the deferred ReadUnlock runs before the deferred recover, so the section ends on the panic path too
// Source: idiom: defer ordering (last in, first out) with recover() in Go servers; rcu_read_unlock() on every exit path (Documentation/RCU/checklist.rst item 2)
// Kind: idiom

package parserecover

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Matcher func(fields map[string]string) bool

type rule struct {
	name  string
	match Matcher // user supplied; may panic
	tag   string
}

type ruleset struct {
	rules []rule
}

type Engine struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[ruleset]
}

func New() *Engine {
	e := &Engine{}
	e.cur.Init(&ruleset{})
	return e
}

// Tags returns the tags of every rule that matches fields.
func (e *Engine) Tags(fields map[string]string) (tags []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			tags, err = nil, fmt.Errorf("rules: matcher panicked: %v", r)
		}
	}()
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, r := range e.cur.Dereference(s).rules {
		if r.match(fields) {
			tags = append(tags, r.tag)
		}
	}
	return tags, nil
}

// Load publishes a new rule set; rule sets are only memory.
func (e *Engine) Load(rs *ruleset) {
	e.mu.Lock()
	e.cur.Replace(rs, &e.mu)
	e.mu.Unlock()
}
