// Case: dictionary service publishes a new word list with Replace and then builds the new version's prefix index to keep the update lock short
// Source: Documentation/RCU/checklist.rst item 4 (all initialisation before rcu_assign_pointer()); whatisRCU.rst
// Kind: bad
// Pair: updateside/lazyindexfix

package lazyindex

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
	next := &dict{words: sorted}
	s.mu.Lock()
	s.cur.Replace(next, &s.mu)
	s.mu.Unlock()
	next.prefix = prefixIndex(sorted) // expect RCU2001
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
