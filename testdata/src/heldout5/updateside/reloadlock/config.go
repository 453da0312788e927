// Case: reloadlock
// Source: Documentation/RCU/checklist.rst items 1 and 9 (rcu_dereference_protected() names the lock actually held); lockdep_is_held() splats on the wrong lock in kernel fixes
// Kind: bad
// Pair: -
package reloadlock

import (
	"os"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct {
	Upstreams []string
	Path      string
}

type Server struct {
	mu       sync.Mutex // serialises every publisher of cfg
	reloadMu sync.Mutex // keeps two file reloads from reading the file at once
	cfg      rcuapi.Pointer[Config]
}

func (s *Server) SetUpstreams(ups []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.cfg.Protected(&s.mu)
	s.cfg.Replace(&Config{Upstreams: ups, Path: cur.Path}, &s.mu)
}

// Reload re-reads the config file on SIGHUP.
func (s *Server) Reload(path string) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	next := &Config{Upstreams: strings.Fields(string(b)), Path: path}
	s.cfg.Replace(next, &s.mu) // expect RCU2005
	return nil
}
