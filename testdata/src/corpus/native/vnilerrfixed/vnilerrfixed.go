// Case: the last error is stored wrapped in one holder struct, nil included
// Source: idiom: prometheus/prometheus@v0.316.0 rules/alerting.go lastError *atomic.Error (go.uber.org/atomic.Error stores a struct holding the error)
// Kind: fixed
// Pair: vnilerrbad

package vnilerrfixed

import "sync/atomic"

type packedError struct{ Value error }

// AlertingRule is one alerting rule.
type AlertingRule struct {
	name      string
	lastError atomic.Value // packedError
}

// SetLastError records the outcome of an evaluation; err is nil when it succeeded.
func (r *AlertingRule) SetLastError(err error) {
	r.lastError.Store(packedError{Value: err})
}

// LastError reports the recorded outcome.
func (r *AlertingRule) LastError() error {
	p, _ := r.lastError.Load().(packedError)
	return p.Value
}

func (r *AlertingRule) eval(run func() error) {
	r.SetLastError(run())
}
