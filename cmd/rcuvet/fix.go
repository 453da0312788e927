package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"io"
	"maps"
	"os"
	"slices"
)

// An edit replaces the bytes from start to end (end excluded) of a file.
type edit struct {
	start, end int
	text       string
}

// applyFixes applies the suggested fix of every finding that has one and
// whose edits do not overlap those of a fix already taken, writes the
// changed files (gofmt'ed), prints the findings that remain and a summary,
// and returns 3 if findings remain and 0 otherwise.
func applyFixes(o *options, res *outcome, stderr io.Writer) int {
	type fileState struct {
		size  int // the file's size when it was loaded
		edits []edit
		owner []*finding // the finding of each edit
	}
	files := make(map[string]*fileState)
	fixed := make(map[*finding]bool)
	overlaps := func(a, b edit) bool {
		if a.start == a.end && b.start == b.end {
			return a.start == b.start // two insertions at one place
		}
		return a.start < b.end && b.start < a.end
	}
	for _, f := range res.findings {
		if len(f.diag.SuggestedFixes) == 0 {
			continue
		}
		fix := f.diag.SuggestedFixes[0]
		type fileEdit struct {
			file string
			size int
			edit
		}
		var edits []fileEdit
		ok := true
		for _, e := range fix.TextEdits {
			tf := f.fset.File(e.Pos)
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			if tf == nil || !slices.Contains(f.files, tf.Name()) {
				ok = false // not a file of the package's source (cgo output, say)
				break
			}
			edits = append(edits, fileEdit{tf.Name(), tf.Size(), edit{tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)}})
		}
		if !ok || len(edits) == 0 {
			continue
		}
		// Take the fix whole or not at all.
		for _, e := range edits {
			if st := files[e.file]; st != nil && slices.ContainsFunc(st.edits, func(x edit) bool { return x != e.edit && overlaps(x, e.edit) }) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for _, e := range edits {
			st := files[e.file]
			if st == nil {
				st = &fileState{size: e.size}
				files[e.file] = st
			}
			if !slices.Contains(st.edits, e.edit) { // the same fix, reported twice
				st.edits = append(st.edits, e.edit)
				st.owner = append(st.owner, f)
			}
		}
		fixed[f] = true
	}

	changed := 0
	unfix := func(st *fileState) {
		for _, f := range st.owner {
			delete(fixed, f)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		st := files[name]
		src, err := os.ReadFile(name)
		if err == nil && len(src) != st.size {
			err = fmt.Errorf("it changed since rcuvet loaded it")
		}
		var out []byte
		if err == nil {
			out, err = applyEdits(src, st.edits)
		}
		if err == nil {
			var formatted []byte
			if formatted, err = format.Source(out); err != nil {
				err = fmt.Errorf("the fixes would leave it invalid (%v)", err)
			}
			out = formatted
		}
		if err == nil && !bytes.Equal(out, src) {
			var fi os.FileInfo
			if fi, err = os.Stat(name); err == nil {
				err = os.WriteFile(name, out, fi.Mode().Perm())
			}
			if err == nil {
				changed++
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "rcuvet: not fixing %s: %v\n", res.relFile(name), err)
			res.errs = append(res.errs, err.Error())
			unfix(st)
		}
	}

	var remain []*finding
	for _, f := range res.findings {
		if !fixed[f] {
			remain = append(remain, f)
			res.printText(stderr, f)
		}
	}
	if !o.quiet {
		n := len(res.findings) - len(remain)
		msg := plural(res.checked, "package") + " checked"
		if res.failed > 0 {
			msg += ", " + plural(res.failed, "package") + " not checked (errors above)"
		}
		msg += fmt.Sprintf(", %s fixed in %s, ", plural(n, "finding"), plural(changed, "file"))
		if len(remain) == 0 {
			msg += "no findings remain"
		} else if len(remain) == 1 {
			msg += "1 finding remains (above)"
		} else {
			msg += plural(len(remain), "finding") + " remain (above)"
		}
		fmt.Fprintf(stderr, "rcuvet: %s\n", msg)
	}
	if len(remain) > 0 {
		return 3
	}
	return 0
}

// applyEdits returns src with edits applied; they must not overlap.
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b edit) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last || e.end < e.start || e.end > len(src) {
			return nil, fmt.Errorf("overlapping or out-of-range edits")
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}
