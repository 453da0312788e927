// Case: a function-local atomic.Pointer carries an error from a timer callback to the goroutine that waits; stored once, only loaded after
// Source: idiom: github.com/traefik/traefik/v3@v3.7.13 pkg/proxy/fast/connpool.go conn.handleResponse (errTimeout atomic.Pointer[timeoutError] set in time.AfterFunc)
// Kind: idiom
// Pair: none

package itimerflag

import (
	"errors"
	"sync/atomic"
	"time"
)

type timeoutError struct {
	error
}

type conn struct {
	responseHeaderTimeout time.Duration
	close                 func()
	readHeader            func() error
}

func (c *conn) handleResponse() error {
	var (
		timer      *time.Timer
		errTimeout atomic.Pointer[timeoutError]
	)
	if c.responseHeaderTimeout > 0 {
		timer = time.AfterFunc(c.responseHeaderTimeout, func() {
			errTimeout.Store(&timeoutError{errors.New("timeout awaiting response headers")})
			c.close() // interrupts readHeader
		})
	}
	if err := c.readHeader(); err != nil {
		if errT := errTimeout.Load(); errT != nil {
			return errT
		}
		return err
	}
	if timer != nil {
		timer.Stop()
	}
	return nil
}
