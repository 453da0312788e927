// Package recipes gives tests the commands and files that README.md (and
// docs/ways-in.md, which README links to for the longer ones) tell users to
// run and write, so that each test runs a recipe as written rather than a
// copy of it that could drift.
//
// A recipe is the fenced code block that follows a line
//
//	<!-- recipe: NAME -->
//
// (the comment does not show on the rendered page). The recipes use two
// placeholders, which tests replace: /path/to/rcuvet (the clone), and
// <commit> (a commit of it).
package recipes

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Placeholders in the recipes.
const (
	ClonePath = "/path/to/rcuvet"
	Commit    = "<commit>"
)

var markerRx = regexp.MustCompile(`^<!-- recipe: ([a-z0-9-]+) -->$`)

// Root returns the root of the rcuvet repository, found from dir upwards
// as the directory that holds README.md and the go.mod of
// github.com/rcuvet/rcuvet.
func Root(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		mod, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && strings.HasPrefix(string(mod), "module github.com/rcuvet/rcuvet\n") {
			if _, err := os.Stat(filepath.Join(d, "README.md")); err == nil {
				return d, nil
			}
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no rcuvet repository above %s", dir)
		}
	}
}

// Files are the files that hold recipes, relative to the repository's root.
var Files = []string{"README.md", "docs/ways-in.md"}

// All returns every recipe of the repository at root, by name.
func All(root string) (map[string]string, error) {
	recipes := make(map[string]string)
	for _, name := range Files {
		if err := read(filepath.Join(root, filepath.FromSlash(name)), name, recipes); err != nil {
			return nil, err
		}
	}
	return recipes, nil
}

// read adds the recipes of file (named doc in messages) to recipes.
func read(file, doc string, recipes map[string]string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var name string // the recipe whose block comes next, or is being read
	var fence string
	var body strings.Builder
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case fence != "":
			if strings.TrimSpace(line) == fence {
				recipes[name] = body.String()
				name, fence = "", ""
				body.Reset()
				continue
			}
			body.WriteString(line)
			body.WriteByte('\n')
		case markerRx.MatchString(line):
			if name != "" {
				return fmt.Errorf("%s:%d: recipe %s has no code block", doc, n, name)
			}
			name = markerRx.FindStringSubmatch(line)[1]
			if _, dup := recipes[name]; dup {
				return fmt.Errorf("%s:%d: recipe %s defined twice", doc, n, name)
			}
		case name != "" && strings.HasPrefix(line, "```"):
			fence = "```"
		case name != "" && strings.TrimSpace(line) != "":
			return fmt.Errorf("%s:%d: recipe %s: the marker must be followed by its code block", doc, n, name)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if name != "" {
		return fmt.Errorf("%s: recipe %s has no complete code block", doc, name)
	}
	return nil
}

// Get returns recipe name of the repository at root.
func Get(root, name string) (string, error) {
	all, err := All(root)
	if err != nil {
		return "", err
	}
	r, ok := all[name]
	if !ok {
		return "", fmt.Errorf("no recipe %q in %s", name, strings.Join(Files, " or "))
	}
	return r, nil
}

// Commands returns the command lines of a shell recipe: its lines without
// blank lines and whole-line comments. A command keeps its trailing comment,
// which the shell ignores.
func Commands(recipe string) []string {
	var cmds []string
	for _, l := range strings.Split(recipe, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			cmds = append(cmds, l)
		}
	}
	return cmds
}

// Fill replaces the placeholders of a recipe: the clone's path and a
// commit.
func Fill(recipe, clone, commit string) string {
	return strings.NewReplacer(ClonePath, clone, Commit, commit).Replace(recipe)
}
