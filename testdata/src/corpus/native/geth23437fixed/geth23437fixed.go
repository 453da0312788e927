// Case: the session error is a plain error field under a mutex
// Source: ethereum/go-ethereum PR #23437 https://github.com/ethereum/go-ethereum/pull/23437, code at the fix 8e0771c21825, core/bloombits/matcher.go (err error; errLock sync.Mutex)
// Kind: fixed
// Pair: geth23437bad

package geth23437fixed

import "sync"

// Retrieval is a finished bloom-bit fetch.
type Retrieval struct {
	Bit   uint
	Error error
}

// MatcherSession is one running filter.
type MatcherSession struct {
	closer  sync.Once
	quit    chan struct{}
	err     error // failure of any retrieval, set by Multiplex
	errLock sync.Mutex
}

// Close stops the session.
func (s *MatcherSession) Close() {
	s.closer.Do(func() { close(s.quit) })
}

// Error reports the first failure seen by the session, if any.
func (s *MatcherSession) Error() error {
	s.errLock.Lock()
	defer s.errLock.Unlock()
	return s.err
}

// Multiplex feeds retrieval results back into the session; several run at once.
func (s *MatcherSession) Multiplex(results <-chan *Retrieval) {
	for result := range results {
		if result.Error != nil {
			s.errLock.Lock()
			s.err = result.Error
			s.errLock.Unlock()
			s.Close()
		}
	}
}
