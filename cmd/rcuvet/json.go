package main

import (
	"encoding/json"
	"go/token"
	"io"
)

// The JSON output has the shape of go vet -json's: an object that maps each
// package's id to an object that maps check ids to their findings.
// Positions are file:line:col with absolute file names; end is where the
// code concerned ends.
type (
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	// A jsonEdit replaces the bytes from Start to End (offsets from 0,
	// End excluded) of a file with New.
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

// writeJSON writes the findings of res as one JSON object ({} if none).
func writeJSON(w io.Writer, res *outcome) error {
	tree := make(map[string]map[string][]jsonDiagnostic)
	for _, f := range res.findings {
		d := f.diag
		jd := jsonDiagnostic{
			Category: d.Category,
			Posn:     f.fset.Position(d.Pos).String(),
			End:      endPosition(f.fset, d.Pos, d.End),
			Message:  d.Message,
		}
		for _, fix := range d.SuggestedFixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, e := range fix.TextEdits {
				end := e.End
				if !end.IsValid() {
					end = e.Pos
				}
				jf.Edits = append(jf.Edits, jsonEdit{
					Filename: f.fset.Position(e.Pos).Filename,
					Start:    f.fset.Position(e.Pos).Offset,
					End:      f.fset.Position(end).Offset,
					New:      string(e.NewText),
				})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{
				Posn:    f.fset.Position(r.Pos).String(),
				End:     endPosition(f.fset, r.Pos, r.End),
				Message: r.Message,
			})
		}
		byCheck := tree[f.pkgID]
		if byCheck == nil {
			byCheck = make(map[string][]jsonDiagnostic)
			tree[f.pkgID] = byCheck
		}
		byCheck[f.check.Name] = append(byCheck[f.check.Name], jd)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	return enc.Encode(tree)
}

// endPosition returns the end of a range as file:line:col; the start when
// the end is not known.
func endPosition(fset *token.FileSet, pos, end token.Pos) string {
	if !end.IsValid() {
		end = pos
	}
	return fset.Position(end).String()
}
