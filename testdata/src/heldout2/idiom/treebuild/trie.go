// Case: prefix-trie rebuild links freshly allocated child nodes with Init and keeps filling them in before the new root is published with Assign
// Source: idiom: RCU_INIT_POINTER() while building a structure that no reader can reach yet, rcu_assign_pointer() for the one store that publishes it (Documentation/RCU/whatisRCU.rst, rcu_dereference.rst)
// Kind: idiom

package treebuild

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type node struct {
	label    byte
	terminal bool
	children [4]rcuapi.Pointer[node] // DNA alphabet: A C G T
}

func slot(b byte) int {
	switch b {
	case 'A':
		return 0
	case 'C':
		return 1
	case 'G':
		return 2
	default:
		return 3
	}
}

type Index struct {
	mu   sync.Mutex
	root rcuapi.Pointer[node]
}

// Contains reports whether seq was indexed.
func (ix *Index) Contains(seq string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	n := ix.root.Dereference(s)
	for i := 0; n != nil && i < len(seq); i++ {
		n = n.children[slot(seq[i])].Dereference(s)
	}
	return n != nil && n.terminal
}

// builder is the plain, unshared trie that Rebuild fills first.
type builder struct {
	terminal bool
	kids     [4]*builder
}

// fill copies b into n, linking each child into n with Init before the
// child itself is filled in: nothing here is reachable by readers yet.
func fill(n *node, b *builder) {
	n.terminal = b.terminal
	for i, kb := range b.kids {
		if kb == nil {
			continue
		}
		c := &node{}
		n.children[i].Init(c)
		c.label = "ACGT"[i]
		fill(c, kb)
	}
}

// Rebuild indexes seqs into a new trie and publishes it. Nodes are only
// memory, so the old trie is left to the garbage collector.
func (ix *Index) Rebuild(seqs []string) {
	b := &builder{}
	for _, seq := range seqs {
		cur := b
		for i := 0; i < len(seq); i++ {
			k := slot(seq[i])
			if cur.kids[k] == nil {
				cur.kids[k] = &builder{}
			}
			cur = cur.kids[k]
		}
		cur.terminal = true
	}
	root := &node{}
	fill(root, b)
	ix.mu.Lock()
	ix.root.Assign(root)
	ix.mu.Unlock()
}
