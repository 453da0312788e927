// Case: HTTP client wrapper copies the published retry settings (a struct of plain values) into a local variable, adjusts the copy per request and uses it after the load
// Source: idiom: a struct copy of value fields is private to the goroutine (Documentation/RCU/whatisRCU.rst "copy out what you need"); per-request option overrides in Go HTTP clients
// Kind: idiom

package valuesnapshot

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

type RetryPolicy struct {
	MaxAttempts int
	BaseDelay   time.Duration
	MaxDelay    time.Duration
	RetryOn     [4]int // status codes, zero-padded
}

type Client struct {
	http   *http.Client
	policy atomic.Pointer[RetryPolicy]
}

func (c *Client) SetPolicy(p RetryPolicy) { c.policy.Store(&p) }

// Do retries idempotent requests according to the current policy.
func (c *Client) Do(ctx context.Context, req *http.Request, idempotent bool) (*http.Response, error) {
	p := *c.policy.Load() // private copy
	if !idempotent {
		p.MaxAttempts = 1
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < p.MaxDelay {
		p.MaxDelay = time.Until(deadline) / 2
	}
	delay := p.BaseDelay
	var resp *http.Response
	var err error
	for attempt := 1; ; attempt++ {
		resp, err = c.http.Do(req.WithContext(ctx))
		if attempt >= p.MaxAttempts || (err == nil && !retryable(&p, resp.StatusCode)) {
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(delay)
		delay = min(delay*2, p.MaxDelay)
	}
}

func retryable(p *RetryPolicy, code int) bool {
	for _, c := range p.RetryOn {
		if c == code {
			return true
		}
	}
	return false
}
