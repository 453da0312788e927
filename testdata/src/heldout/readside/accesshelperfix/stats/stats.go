// Package stats renders summaries of a shard table.
package stats

import "fmt"

type Shard struct {
	Name string
	Keys int
}

type Table struct {
	Epoch  uint64
	Shards []Shard
}

// Summarize reads every shard of t.
func Summarize(t *Table) string {
	n := 0
	for _, s := range t.Shards {
		n += s.Keys
	}
	return fmt.Sprintf("epoch %d: %d shards, %d keys", t.Epoch, len(t.Shards), n)
}

// Changed reports whether two table versions differ, by identity only.
func Changed(a, b *Table) bool { return a != b }
