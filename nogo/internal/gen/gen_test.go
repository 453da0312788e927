package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestUpToDate fails when the files under nogo/ are not what the generator
// writes today for the checks that rcuvet runs.
func TestUpToDate(t *testing.T) {
	const dir = "../.." // nogo/
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("nogo/%s: %v; run go generate ./nogo/", name, err)
			continue
		}
		if !bytes.Equal(got, files[name]) {
			t.Errorf("nogo/%s is stale: run go generate ./nogo/", name)
		}
	}
	stale, err := staleDirs(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range stale {
		t.Errorf("nogo/%s is the package of a check that rcuvet does not run: run go generate ./nogo/", d)
	}
}
