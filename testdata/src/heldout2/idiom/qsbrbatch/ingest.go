// Case: QSBR ingest worker goes offline between batches, classifies each datagram of a batch in its own short section, and announces a quiescent state every 64 datagrams
// Source: idiom: amortised rcu_quiescent_state() in liburcu QSBR loops (quiesce every N items, offline while waiting for the next batch)
// Kind: idiom

package qsbrbatch

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type routing struct {
	bySource map[string]int // source tag -> shard
}

type Ingest struct {
	q       *rcuapi.QSBR
	mu      sync.Mutex
	routes  rcuapi.Pointer[routing]
	shards  []chan []byte
	dropped atomic.Uint64
}

func New(shards int) *Ingest {
	in := &Ingest{q: rcuapi.NewQSBR("ingest")}
	in.routes.Init(&routing{bySource: map[string]int{}})
	for range shards {
		in.shards = append(in.shards, make(chan []byte, 512))
	}
	return in
}

// Worker routes every datagram of every batch until batches is closed.
// Each datagram starts with its source tag and a space.
func (in *Ingest) Worker(batches <-chan [][]byte) {
	r := in.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		batch, ok := <-batches
		r.Online()
		if !ok {
			return
		}
		for i, dg := range batch {
			tag, _, _ := bytes.Cut(dg, []byte{' '})
			s := r.ReadLock()
			shard, known := in.routes.Dereference(s).bySource[string(tag)]
			r.ReadUnlock(s)
			if i%64 == 63 {
				r.Quiescent()
			}
			if !known {
				in.dropped.Add(1)
				continue
			}
			select {
			case in.shards[shard%len(in.shards)] <- dg:
			default:
				in.dropped.Add(1) // shard queue full: drop, as UDP would
			}
		}
	}
}

// SetRoutes publishes a new routing table and waits until no worker can be
// using the old one. The caller holds no handle of in.q.
func (in *Ingest) SetRoutes(next *routing) {
	in.mu.Lock()
	in.routes.Replace(next, &in.mu)
	in.mu.Unlock()
	in.q.Synchronize()
}
