// Case: header table readers copy bytes and strings out of the section in every common way (string(b), []byte(s), copy into a made slice, strings.Builder, bytes.Clone)
// Source: idiom: copy what you need before rcu_read_unlock(); a conversion or clone is a fresh object the updater never retires
// Kind: idiom

package bytescopy

import (
	"bytes"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type headers struct {
	names  []string
	values [][]byte
	raw    []byte
}

type Table struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[headers]
}

func (t *Table) Get(name string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	h := t.cur.Dereference(s)
	for i, n := range h.names {
		if n == name {
			return string(h.values[i])
		}
	}
	return ""
}

func (t *Table) Raw() []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return bytes.Clone(t.cur.Dereference(s).raw)
}

func (t *Table) Value(i int) []byte {
	s := rcuapi.ReadLock()
	h := t.cur.Dereference(s)
	out := make([]byte, len(h.values[i]))
	copy(out, h.values[i])
	rcuapi.ReadUnlock(s)
	return out
}

func (t *Table) NameBytes(i int) []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return []byte(t.cur.Dereference(s).names[i])
}

func (t *Table) String() string {
	var b strings.Builder
	s := rcuapi.ReadLock()
	h := t.cur.Dereference(s)
	for i, n := range h.names {
		b.WriteString(n)
		b.WriteString(": ")
		b.Write(h.values[i])
		b.WriteByte('\n')
	}
	rcuapi.ReadUnlock(s)
	return b.String()
}

// Set replaces the whole table; the old one's raw buffer is reused only
// after a grace period.
func (t *Table) Set(names []string, values [][]byte, raw []byte) []byte {
	t.mu.Lock()
	old := t.cur.Replace(&headers{names: names, values: values, raw: raw}, &t.mu)
	t.mu.Unlock()
	if old == nil {
		return nil
	}
	rcuapi.Synchronize()
	return old.raw[:0]
}
