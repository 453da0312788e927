// Case: datapath module frees flows with Call; its Exit waits for them with Barrier before closing the channel they use
// Source: Open vSwitch datapath, commit 35cc2980d939 (dp_cleanup gains rcu_barrier: "synchronize_rcu() does not ensure that all RCU callbacks have actually completed"); https://pintos-os.org/cgi-bin/gitweb.cgi?a=commitdiff&h=35cc2980d9393c16c69dfe5a3f9faddb77eb6811&p=openvswitch
// Kind: fixed
// Pair: synconlybad

package synconlyfixed

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type flow struct {
	key     [16]byte
	actions []uint32
	packets atomic.Uint64
}

var (
	mu       sync.Mutex
	flows    rcuapi.List[*flow]
	flowPool = sync.Pool{New: func() any { return new(flow) }}
	expired  chan uint64 // packet counts of freed flows, read by the stats exporter
)

// Module is the flow table.
var Module = &rcuapi.Module{Name: "datapath", Init: setup, Exit: cleanup}

func setup() error {
	expired = make(chan uint64, 256)
	return nil
}

// freeFlow runs after a grace period: it reports the flow's last count and
// recycles it. The report never waits.
func freeFlow(f *flow) {
	select {
	case expired <- f.packets.Load():
	default:
	}
	flowPool.Put(f)
}

// Insert publishes a flow.
func Insert(key [16]byte, actions []uint32) {
	f := flowPool.Get().(*flow)
	f.key = key
	f.actions = append(f.actions[:0], actions...)
	f.packets.Store(0)
	mu.Lock()
	flows.PushBack(f)
	mu.Unlock()
}

// Lookup returns the actions of key's flow, copied.
func Lookup(key [16]byte) []uint32 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range flows.All(s) {
		if e.Value.key == key {
			return append([]uint32(nil), e.Value.actions...)
		}
	}
	return nil
}

// cleanup unlinks every flow, queues its free, and waits for the queued
// frees with Barrier before closing the channel they report on.
func cleanup() {
	mu.Lock()
	for e := range flows.AllProtected(&mu) {
		flows.Remove(e)
		f := e.Value
		rcuapi.Call(func() { freeFlow(f) })
	}
	mu.Unlock()
	rcuapi.Barrier()
	close(expired)
}
