// Package plain knows nothing of RCU: its functions are given pointers,
// and some read through them.
package plain

// Table is a shard table.
type Table struct {
	Epoch  uint64
	Shards []string
}

// Summarize reads through t.
func Summarize(t *Table) int { return len(t.Shards) + int(t.Epoch) }

// Describe reads through t, in a helper.
func Describe(t *Table) int { return count(t) }

func count(t *Table) int { return len(t.Shards) }

// Changed compares two versions by identity only.
func Changed(a, b *Table) bool { return a != b }

// Key keys a version by its address, without reading it.
func Key(t *Table) any { return t }

// Epoch reads the epoch through a value receiver: the table is copied.
func (t Table) Epochs() uint64 { return t.Epoch }

// Ptr reads nothing.
func (t *Table) Ptr() *Table { return t }
