package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rcuvet/rcuvet/checklist"
)

var page = filepath.Join("..", "..", "..", "docs", "checks.md")

// TestUpToDate fails when docs/checks.md is not what the checklist
// generates today.
func TestUpToDate(t *testing.T) {
	got, err := os.ReadFile(page)
	if err != nil {
		t.Fatalf("%v; run go generate ./checklist/", err)
	}
	want := render()
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("docs/checks.md is stale: run go generate ./checklist/\nfirst difference at line %d:\n\thave %q\n\twant %q", i+1, g, w)
		}
	}
	t.Fatal("docs/checks.md is stale: run go generate ./checklist/")
}

// TestAnchors checks that every check has the anchor its URL points at,
// with its heading, examples and state, and that every link within the
// page has a target.
func TestAnchors(t *testing.T) {
	text := string(render())
	for i := range checklist.Checks {
		c := &checklist.Checks[i]
		if ref := c.DocRef(); !strings.HasPrefix(ref, checklist.DocsPath+"#"+c.Anchor()) {
			t.Fatalf("%s: DocRef %q does not point into %s", c.ID, ref, checklist.DocsPath)
		}
		anchor := `<a id="` + c.Anchor() + `"></a>`
		i := strings.Index(text, anchor)
		if i < 0 {
			t.Errorf("%s: no %s on the page", c.ID, anchor)
			continue
		}
		section := text[i:]
		if j := strings.Index(section[len(anchor):], `<a id="`); j >= 0 {
			section = section[:len(anchor)+j]
		}
		state := "- State: built"
		if !c.Implemented {
			state = "- State: not built yet"
		}
		for _, want := range []string{
			"### " + c.ID + ": " + c.Doc.TitleMarkdown + "\n",
			c.Doc.TextMarkdown,
			"Bad:\n\n```go\n" + c.Doc.Before + "\n```",
			"Good:\n\n```go\n" + c.Doc.After + "\n```",
			state,
		} {
			if !strings.Contains(section, want) {
				t.Errorf("%s: its section does not contain %q", c.ID, want)
			}
		}
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`<a id="([^"]+)"></a>`).FindAllStringSubmatch(text, -1) {
		if ids[m[1]] {
			t.Errorf("anchor %q defined twice", m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`\]\(#([^)]+)\)`).FindAllStringSubmatch(text, -1) {
		if !ids[m[1]] {
			t.Errorf("link to #%s, which the page does not define", m[1])
		}
	}
	for _, it := range checklist.Items {
		if !ids["item-"+strconv.Itoa(it.Number)] {
			t.Errorf("item %d has no anchor", it.Number)
		}
	}
}
