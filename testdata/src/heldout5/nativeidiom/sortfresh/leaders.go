// Case: sortfresh
// Source: idiom: a fresh slice of value copies is built from the snapshot, then sorted (Documentation/RCU/checklist.rst item 3: only the copy is written)
// Kind: idiom
package sortfresh

import (
	"sort"
	"sync/atomic"
)

type Score struct {
	Player string
	Points int
}

type Board struct {
	scores atomic.Pointer[map[string]Score]
}

func (b *Board) Set(m map[string]Score) { b.scores.Store(&m) }

// Leaders returns the top n players.
func (b *Board) Leaders(n int) []Score {
	m := b.scores.Load()
	if m == nil {
		return nil
	}
	out := make([]Score, 0, len(*m))
	for _, s := range *m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Points > out[j].Points })
	for i := range out {
		out[i].Player = "#" + out[i].Player
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}
