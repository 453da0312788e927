// Case: the retry loop stores every result wrapped in one struct type, nil errors included
// Source: hashicorp/terraform PR #11761 https://github.com/hashicorp/terraform/pull/11761 (fixes #11746), code at the merge 6a626a2215a5, retryFunc (type errWrap struct{ E error }); the merged code stored *errWrap but asserted errWrap on Load, this reduction asserts the type it stores
// Kind: fixed
// Pair: tf11746bad

package tf11746fixed

import (
	"context"
	"log"
	"sync/atomic"
	"time"
)

// retryFunc retries f until it succeeds or the timeout passes.
func retryFunc(ctx context.Context, timeout time.Duration, f func() error) error {
	ctx, done := context.WithTimeout(ctx, timeout)
	defer done()

	type errWrap struct {
		E error
	}

	var errVal atomic.Value
	doneCh := make(chan struct{})
	go func() {
		defer close(doneCh)
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(3 * time.Second):
			}
			err := f()
			errVal.Store(&errWrap{err})
			if err == nil {
				return
			}
			log.Printf("Retryable error: %v", err)
		}
	}()

	select {
	case <-ctx.Done():
	case <-doneCh:
	}
	if ev, ok := errVal.Load().(*errWrap); ok {
		return ev.E
	}
	return nil
}
