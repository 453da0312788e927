// Case: dictionary service builds the prefix index before it publishes the new word list
// Source: Documentation/RCU/checklist.rst item 4 (all initialisation before rcu_assign_pointer()); whatisRCU.rst
// Kind: fixed
// Pair: updateside/lazyindex

package lazyindexfix

import (
	"sort"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type dict struct {
	words  []string
	prefix map[byte]int // first index of each initial letter
}

func prefixIndex(words []string) map[byte]int {
	m := map[byte]int{}
	for i, w := range words {
		if _, ok := m[w[0]]; !ok && w != "" {
			m[w[0]] = i
		}
	}
	return m
}

type Service struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[dict]
}

func (s *Service) Load(words []string) {
	sorted := append([]string(nil), words...)
	sort.Strings(sorted)
	next := &dict{words: sorted, prefix: prefixIndex(sorted)}
	s.mu.Lock()
	s.cur.Replace(next, &s.mu)
	s.mu.Unlock()
}

func (s *Service) FirstWith(letter byte) (string, bool) {
	sec := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(sec)
	d := s.cur.Dereference(sec)
	if d == nil {
		return "", false
	}
	i, ok := d.prefix[letter]
	if !ok {
		return "", false
	}
	return d.words[i], true
}
