// Case: deleting a named metric deletes the key from the map of the loaded snapshot
// Source: idiom: google.golang.org/grpc@v1.85.0 orca/server_metrics.go DeleteNamedUtilization (copies the snapshot before delete); here the copy is skipped
// Kind: bad
// Pair: vdeletefixed

package vdeletebad

import (
	"sync"
	"sync/atomic"
)

// ServerMetrics is one report.
type ServerMetrics struct {
	Utilization map[string]float64
}

type recorder struct {
	mu    sync.Mutex
	state atomic.Pointer[ServerMetrics]
}

// DeleteNamedUtilization stops reporting name.
func (s *recorder) DeleteNamedUtilization(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.state.Load().Utilization, name) // expect RCU7002
}

// report is the read side, run by the ORCA stream.
func (s *recorder) report() map[string]float64 { return s.state.Load().Utilization }
