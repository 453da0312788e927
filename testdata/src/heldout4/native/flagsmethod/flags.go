// Case: feature-flag service turns a flag on for an emergency by calling a pointer-receiver helper of the flag set it just loaded, which writes into the set's map
// Source: kubernetes PR #125052 review of the feature-gate Set (the published gate map must not be changed in place); opencensus-go PR #763; Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: -

package flagsmethod

import (
	"maps"
	"sync"
	"sync/atomic"
)

type FlagSet struct {
	Version int
	enabled map[string]bool
}

// enable marks a flag on. It is meant for sets under construction.
func (fs *FlagSet) enable(name string) {
	if fs.enabled == nil {
		fs.enabled = make(map[string]bool)
	}
	fs.enabled[name] = true
}

func (fs *FlagSet) Enabled(name string) bool { return fs.enabled[name] }

type Service struct {
	mu    sync.Mutex
	flags atomic.Pointer[FlagSet]
}

// Replace publishes a flag set built from the control plane's answer.
func (s *Service) Replace(version int, on []string) {
	fs := &FlagSet{Version: version}
	for _, name := range on {
		fs.enable(name)
	}
	s.mu.Lock()
	s.flags.Store(fs)
	s.mu.Unlock()
}

// ForceOn is the operator's kill-switch override.
func (s *Service) ForceOn(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.flags.Load()
	cur.enable(name) // expect RCU7002
}

// Snapshot returns a copy for the debug endpoint.
func (s *Service) Snapshot() map[string]bool {
	return maps.Clone(s.flags.Load().enabled)
}
