package flow

import "golang.org/x/tools/go/ssa"

// forward solves a forward dataflow problem over the blocks of fn to a
// fixed point and returns the state at the entry of each block (nil for a
// block that cannot be reached). It is the one solver of the engine's
// flow-sensitive analyses.
//
// step applies a block to a copy of its entry state and returns its exit
// state; edge, if not nil, turns the exit state of from into what it
// brings to the entry of to (a phi that takes the state of the value it
// holds on that edge); join merges such a state into a successor's entry
// state and reports whether it changed. Blocks are visited from a
// first-in first-out worklist. The analyses run step once more over the
// solution, reporting.
func forward[S any](fn *ssa.Function, init S, clone func(S) S, join func(dst *S, src S) bool,
	step func(b *ssa.BasicBlock, s S) S, edge func(from, to *ssa.BasicBlock, out S) S) []*S {
	n := len(fn.Blocks)
	in := make([]*S, n)
	if n == 0 {
		return in
	}
	in[0] = &init
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	queued := make([]bool, n)
	queued[0] = true
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		queued[b.Index] = false
		out := step(b, clone(*in[b.Index]))
		for _, s := range b.Succs {
			e := out
			if edge != nil {
				e = edge(b, s, out)
			}
			if in[s.Index] == nil {
				cp := clone(e)
				in[s.Index] = &cp
			} else if !join(in[s.Index], e) {
				continue
			}
			if !queued[s.Index] {
				queued[s.Index] = true
				work = append(work, s)
			}
		}
	}
	return in
}

// mergeInto adds to dst the keys of src that it lacks (a union of
// may-sets) and reports whether dst changed.
func mergeInto[K comparable, V any](dst, src map[K]V) bool {
	changed := false
	for k, v := range src {
		if _, ok := dst[k]; !ok {
			dst[k] = v
			changed = true
		}
	}
	return changed
}
