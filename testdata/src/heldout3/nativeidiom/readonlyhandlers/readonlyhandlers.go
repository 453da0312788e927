// Case: status API handlers range over the loaded snapshot's maps, sort a cloned key slice and encode values, never writing into the snapshot
// Source: idiom: readers of a copy-on-write snapshot only read (Documentation/RCU/whatisRCU.rst); slices.Clone before slices.Sort
// Kind: idiom

package readonlyhandlers

import (
	"encoding/json"
	"net/http"
	"slices"
	"sync/atomic"
)

type Cluster struct {
	Nodes  map[string]string // name -> state
	Leader string
	Order  []string
}

type API struct {
	cluster atomic.Pointer[Cluster]
}

func (a *API) Set(c *Cluster) { a.cluster.Store(c) }

func (a *API) Nodes(w http.ResponseWriter, r *http.Request) {
	c := a.cluster.Load()
	names := slices.Clone(c.Order)
	slices.Sort(names)
	type row struct{ Name, State string }
	rows := make([]row, 0, len(names))
	for _, n := range names {
		rows = append(rows, row{n, c.Nodes[n]})
	}
	_ = json.NewEncoder(w).Encode(rows)
}

func (a *API) Leader(w http.ResponseWriter, r *http.Request) {
	c := a.cluster.Load()
	state, ok := c.Nodes[c.Leader]
	if !ok {
		http.Error(w, "no leader", http.StatusServiceUnavailable)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"leader": c.Leader, "state": state})
}
