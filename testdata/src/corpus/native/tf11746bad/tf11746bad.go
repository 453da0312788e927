// Case: a retry loop keeps the last error in an atomic.Value; retries that fail with different error types panic on Store
// Source: hashicorp/terraform issue #11746 https://github.com/hashicorp/terraform/issues/11746, fixed by PR #11761; code at its parent 1087c243bed2 (v0.8.5 plus 409 commits), builtin/provisioners/remote-exec/resource_provisioner.go retryFunc
// Kind: bad
// Pair: tf11746fixed

package tf11746bad

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
			if err == nil {
				return
			}
			log.Printf("Retryable error: %v", err)
			errVal.Store(err) // expect RCU7005
		}
	}()

	select {
	case <-doneCh:
	case <-ctx.Done():
	}
	if err, ok := errVal.Load().(error); ok {
		return err
	}
	return nil
}
