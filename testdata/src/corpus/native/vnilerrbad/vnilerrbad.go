// Case: a rule records its last evaluation error in an atomic.Value; a successful evaluation stores nil and panics
// Source: idiom: prometheus/prometheus@v0.316.0 rules/alerting.go AlertingRule.SetLastError (r.lastError.Store(err) on a go.uber.org/atomic.Error, which accepts nil), varied to sync/atomic.Value
// Kind: bad
// Pair: vnilerrfixed

package vnilerrbad

import "sync/atomic"

// AlertingRule is one alerting rule.
type AlertingRule struct {
	name      string
	lastError atomic.Value // error
}

// SetLastError sets the current error seen by the rule; err is nil after a good evaluation.
func (r *AlertingRule) SetLastError(err error) {
	r.lastError.Store(err) // expect RCU7005
}

// LastError returns the last error seen by the rule.
func (r *AlertingRule) LastError() error {
	err, _ := r.lastError.Load().(error)
	return err
}

func (r *AlertingRule) eval(run func() error) {
	r.SetLastError(run())
}
