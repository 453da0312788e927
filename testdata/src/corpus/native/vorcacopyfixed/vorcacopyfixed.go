// Case: the setters copy, change and store under one writer mutex; readers still load without locking
// Source: idiom: google.golang.org/grpc@v1.85.0 orca/server_metrics.go serverMetricsRecorder, with the writer mutex proposed in grpc-go PR #9157 https://github.com/grpc/grpc-go/pull/9157
// Kind: fixed
// Pair: vorcacopybad

package vorcacopyfixed

import (
	"sync"
	"sync/atomic"
)

// ServerMetrics is one immutable report.
type ServerMetrics struct {
	CPUUtilization float64
	MemUtilization float64
	Utilization    map[string]float64
}

type serverMetricsRecorder struct {
	mu    sync.Mutex // serialises writers
	state atomic.Pointer[ServerMetrics]
}

func newServerMetricsRecorder() *serverMetricsRecorder {
	s := &serverMetricsRecorder{}
	s.state.Store(&ServerMetrics{CPUUtilization: -1, MemUtilization: -1, Utilization: map[string]float64{}})
	return s
}

func copyServerMetrics(sm *ServerMetrics) *ServerMetrics {
	u := make(map[string]float64, len(sm.Utilization))
	for k, v := range sm.Utilization {
		u[k] = v
	}
	return &ServerMetrics{CPUUtilization: sm.CPUUtilization, MemUtilization: sm.MemUtilization, Utilization: u}
}

// ServerMetrics is read by the ORCA service on every report.
func (s *serverMetricsRecorder) ServerMetrics() *ServerMetrics { return s.state.Load() }

// SetCPUUtilization and SetNamedUtilization are called from any goroutine.
func (s *serverMetricsRecorder) SetCPUUtilization(val float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	smCopy := copyServerMetrics(s.state.Load())
	smCopy.CPUUtilization = val
	s.state.Store(smCopy)
}

// SetNamedUtilization records one named utilization.
func (s *serverMetricsRecorder) SetNamedUtilization(name string, val float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	smCopy := copyServerMetrics(s.state.Load())
	smCopy.Utilization[name] = val
	s.state.Store(smCopy)
}
