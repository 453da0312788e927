// Package codec holds encoder options shared by the transport.
package codec

import "time"

type Options struct {
	Level       int
	Dict        []byte
	MaxFrame    int
	FlushEvery  time.Duration
	Checksummed bool
}

// ApplyDefaults fills in every option left at its zero value.
func (o *Options) ApplyDefaults() {
	if o.Level == 0 {
		o.Level = 3
	}
	if o.MaxFrame == 0 {
		o.MaxFrame = 1 << 20
	}
	if o.FlushEvery == 0 {
		o.FlushEvery = 50 * time.Millisecond
	}
}

// Encode compresses p with o (stand-in for the real encoder).
func Encode(o *Options, p []byte) []byte {
	if len(p) > o.MaxFrame {
		p = p[:o.MaxFrame]
	}
	out := make([]byte, 0, len(p)+len(o.Dict))
	return append(out, p...)
}
