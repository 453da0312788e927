package flow

import "golang.org/x/tools/go/ssa"

// forward solves a forward dataflow problem over the blocks of fn to a
// fixed point and returns the state at the entry of each block (nil for a
// block that cannot be reached). step applies a block to a copy of its
// entry state; join merges a predecessor's exit state into a successor's
// entry state and reports whether it changed. The checks that use it run
// step once more over the solution, with reporting on.
func forward[S any](fn *ssa.Function, init S, clone func(S) S, join func(dst *S, src S) bool, step func(b *ssa.BasicBlock, s S) S) []*S {
	in := make([]*S, len(fn.Blocks))
	if len(fn.Blocks) == 0 {
		return in
	}
	in[0] = &init
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if in[b.Index] == nil {
				continue
			}
			out := step(b, clone(*in[b.Index]))
			for _, s := range b.Succs {
				if in[s.Index] == nil {
					cp := clone(out)
					in[s.Index] = &cp
					changed = true
				} else if join(in[s.Index], out) {
					changed = true
				}
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
