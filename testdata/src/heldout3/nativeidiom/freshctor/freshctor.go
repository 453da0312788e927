// Case: search index update calls a constructor that builds a fresh index from the old one's documents, adds synonyms to the fresh index and stores it under the writer lock
// Source: idiom: values returned by constructors are fresh and may be written until published (Documentation/RCU/checklist.rst items 3 and 4)
// Kind: idiom

package freshctor

import (
	"strings"
	"sync"
	"sync/atomic"
)

type Index struct {
	docs  []string
	terms map[string][]int
}

// newIndex builds a new index; it never returns memory of an existing one.
func newIndex(docs []string) *Index {
	ix := &Index{docs: append([]string(nil), docs...), terms: map[string][]int{}}
	for i, d := range ix.docs {
		for _, w := range strings.Fields(strings.ToLower(d)) {
			ix.terms[w] = append(ix.terms[w], i)
		}
	}
	return ix
}

type Searcher struct {
	mu  sync.Mutex
	cur atomic.Pointer[Index]
}

func (s *Searcher) AddDocument(doc string, synonyms map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var docs []string
	if old := s.cur.Load(); old != nil {
		docs = old.docs
	}
	ix := newIndex(append(docs[:len(docs):len(docs)], doc))
	for word, canon := range synonyms {
		ix.terms[word] = append(ix.terms[word], ix.terms[canon]...)
	}
	s.cur.Store(ix)
}

func (s *Searcher) Search(word string) []string {
	ix := s.cur.Load()
	if ix == nil {
		return nil
	}
	var out []string
	for _, i := range ix.terms[strings.ToLower(word)] {
		out = append(out, ix.docs[i])
	}
	return out
}
