// Case: cluster status page loads the membership snapshot once and hands it to several helpers that count, filter into fresh slices and format, none of which writes to it
// Source: idiom: a loaded snapshot passed to read-only functions (Documentation/RCU/checklist.rst item 3 forbids writes, not reads); hashicorp/memberlist-style status endpoints
// Kind: idiom

package readonlypass

import (
	"fmt"
	"io"
	"slices"
	"sync/atomic"
)

type Member struct {
	Name   string
	Addr   string
	Status string
	Tags   map[string]string
}

type Membership struct {
	Epoch   uint64
	Members []*Member
}

var members atomic.Pointer[Membership]

func countAlive(m *Membership) (alive, total int) {
	for _, mem := range m.Members {
		if mem.Status == "alive" {
			alive++
		}
	}
	return alive, len(m.Members)
}

func byTag(m *Membership, key, value string) []*Member {
	var out []*Member
	for _, mem := range m.Members {
		if mem.Tags[key] == value {
			out = append(out, mem)
		}
	}
	return out
}

func names(ms []*Member) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Name)
	}
	slices.Sort(out) // a fresh slice of strings
	return out
}

func WriteStatus(w io.Writer, dc string) {
	m := members.Load()
	if m == nil {
		fmt.Fprintln(w, "no membership yet")
		return
	}
	alive, total := countAlive(m)
	fmt.Fprintf(w, "epoch %d: %d/%d alive\n", m.Epoch, alive, total)
	for _, n := range names(byTag(m, "dc", dc)) {
		fmt.Fprintln(w, " ", n)
	}
}
