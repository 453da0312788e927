// Case: build-info holder stores one concrete struct type in its atomic.Value, errors included inside the struct, and checks the type assertion for the not-yet-stored case
// Source: idiom: atomic.Value used with a single concrete type (sync/atomic documentation: all Stores must use the same concrete type; never nil)
// Kind: idiom

package typedvalue

import (
	"sync/atomic"
	"time"
)

type status struct {
	version string
	at      time.Time
	err     error
}

type Info struct {
	v atomic.Value // always status
}

func (i *Info) Record(version string, err error) {
	i.v.Store(status{version: version, at: time.Now(), err: err})
}

func (i *Info) Version() (string, error) {
	s, ok := i.v.Load().(status)
	if !ok {
		return "unknown", nil
	}
	return s.version, s.err
}

func (i *Info) Age(now time.Time) time.Duration {
	if s, ok := i.v.Load().(status); ok {
		return now.Sub(s.at)
	}
	return 0
}
