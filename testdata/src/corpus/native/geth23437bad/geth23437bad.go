// Case: a matcher session records retrieval failures in an atomic.Value of error; two failures of different concrete types make the second Store panic
// Source: ethereum/go-ethereum PR #23437 https://github.com/ethereum/go-ethereum/pull/23437, code at its parent 8dbf261fd9fc (v1.10.8 plus 3 commits), core/bloombits/matcher.go MatcherSession.err and Multiplex (s.err.Store(result.Error))
// Kind: bad
// Pair: geth23437fixed

package geth23437bad

import (
	"sync"
	"sync/atomic"
)

// Retrieval is a finished bloom-bit fetch.
type Retrieval struct {
	Bit   uint
	Error error
}

// MatcherSession is one running filter.
type MatcherSession struct {
	closer sync.Once
	quit   chan struct{}
	err    atomic.Value // error: failure of any retrieval, set by Multiplex
}

// Close stops the session.
func (s *MatcherSession) Close() {
	s.closer.Do(func() { close(s.quit) })
}

// Error reports the first failure seen by the session, if any.
func (s *MatcherSession) Error() error {
	if err := s.err.Load(); err != nil {
		return err.(error)
	}
	return nil
}

// Multiplex feeds retrieval results back into the session; several run at once.
func (s *MatcherSession) Multiplex(results <-chan *Retrieval) {
	for result := range results {
		if result.Error != nil {
			s.err.Store(result.Error) // expect RCU7005
			s.Close()
		}
	}
}
