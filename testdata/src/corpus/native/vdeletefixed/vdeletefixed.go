// Case: deleting a named metric deletes it from a copy and stores the copy
// Source: idiom: google.golang.org/grpc@v1.85.0 orca/server_metrics.go DeleteNamedUtilization (copyServerMetrics, delete, Store), under a writer mutex
// Kind: fixed
// Pair: vdeletebad

package vdeletefixed

import (
	"maps"
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
	next := &ServerMetrics{Utilization: maps.Clone(s.state.Load().Utilization)}
	delete(next.Utilization, name)
	s.state.Store(next)
}

// report is the read side, run by the ORCA stream.
func (s *recorder) report() map[string]float64 { return s.state.Load().Utilization }
