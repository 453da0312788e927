// Case: logger's SetLevel, under the logger's mutex, loads the published options and changes the level in them before storing the same pointer back
// Source: opencensus-go PR #763 (c := config.Load().(*Config); c.DefaultSampler = x; config.Store(c) wrote into the live config); Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: native/loglevelfix

package loglevel

import (
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
)

type Options struct {
	Level    slog.Level
	Prefix   string
	Sampling int // log one in Sampling debug lines
}

type Logger struct {
	mu   sync.Mutex // serialises option changes
	opts atomic.Pointer[Options]
	out  io.Writer
	n    atomic.Uint64
}

func New(out io.Writer) *Logger {
	l := &Logger{out: out}
	l.opts.Store(&Options{Level: slog.LevelInfo, Sampling: 1})
	return l
}

func (l *Logger) Log(level slog.Level, msg string) {
	o := l.opts.Load()
	if level < o.Level {
		return
	}
	if level == slog.LevelDebug && o.Sampling > 1 && l.n.Add(1)%uint64(o.Sampling) != 0 {
		return
	}
	fmt.Fprintf(l.out, "%s%s %s\n", o.Prefix, level, msg)
}

// SetLevel is called from the admin endpoint while requests are logging.
func (l *Logger) SetLevel(level slog.Level) {
	l.mu.Lock()
	defer l.mu.Unlock()
	o := l.opts.Load()
	o.Level = level // expect RCU7002
	l.opts.Store(o)
}
