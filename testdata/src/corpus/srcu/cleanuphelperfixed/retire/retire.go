// Package retire defers the teardown of objects that readers may still
// hold until a grace period of the readers' domain has elapsed.
package retire

import "github.com/rcuvet/rcuvet/rcuapi"

// Closer is something torn down after a grace period.
type Closer interface{ Close() error }

// Later closes c once every reader of d that may hold it is done. It does
// not wait; errors go to report, which must not block.
func Later(d *rcuapi.SRCU, c Closer, report func(error)) {
	d.Call(func() {
		if err := c.Close(); err != nil && report != nil {
			report(err)
		}
	})
}
