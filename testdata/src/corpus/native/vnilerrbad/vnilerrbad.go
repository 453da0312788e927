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

// SetLastError records the outcome of an evaluation; err is nil when it succeeded.
func (r *AlertingRule) SetLastError(err error) {
	r.lastError.Store(err) // expect RCU7005
}

// LastError reports the recorded outcome.
func (r *AlertingRule) LastError() error {
	err, _ := r.lastError.Load().(error)
	return err
}

func (r *AlertingRule) eval(run func() error) {
	r.SetLastError(run())
}
