// Case: flagoverride
// Source: opencensus-go PR #763 (Load, then write into the loaded config) and kubernetes PR #125052 review (the published gate map must not change in place); Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: native/flagoverridefix
package flagoverride

import (
	"maps"
	"sync"
	"sync/atomic"
)

// FlagSet is one published version of the feature flags.
type FlagSet struct {
	Version int
	Enabled map[string]bool
}

type Service struct {
	mu      sync.Mutex
	current atomic.Pointer[FlagSet]
}

func NewService(initial map[string]bool) *Service {
	s := &Service{}
	s.current.Store(&FlagSet{Version: 1, Enabled: maps.Clone(initial)})
	return s
}

// snapshot is what request handlers read.
func (s *Service) snapshot() *FlagSet { return s.current.Load() }

func (s *Service) IsEnabled(name string) bool {
	return s.snapshot().Enabled[name]
}

// Override is called by the admin endpoint during an incident.
func (s *Service) Override(name string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.snapshot()
	fs.Enabled[name] = on // expect RCU7002
}
