// Case: each setter copies the loaded metrics through a helper, changes one field of the copy and stores it, with no writer lock
// Source: idiom: google.golang.org/grpc@v1.85.0 orca/server_metrics.go serverMetricsRecorder.SetCPUUtilization/SetNamedUtilization (copyServerMetrics then Store); the lost update was raised in grpc-go PR #9157 https://github.com/grpc/grpc-go/pull/9157 (closed unmerged, "self-correcting on the next write")
// Kind: bad
// Pair: vorcacopyfixed

package vorcacopybad

import "sync/atomic"

// ServerMetrics is one immutable report.
type ServerMetrics struct {
	CPUUtilization float64
	MemUtilization float64
	Utilization    map[string]float64
}

type serverMetricsRecorder struct {
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
	smCopy := copyServerMetrics(s.state.Load())
	smCopy.CPUUtilization = val
	s.state.Store(smCopy) // expect RCU7001
}

// SetNamedUtilization records one named utilization.
func (s *serverMetricsRecorder) SetNamedUtilization(name string, val float64) {
	smCopy := copyServerMetrics(s.state.Load())
	smCopy.Utilization[name] = val
	s.state.Store(smCopy) // expect RCU7001
}
