// Package updateside calls Synchronize on its update side, outside any
// Exit, as an updater should; its Exit, a method value, waits with Barrier.
package updateside

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conf struct{ f *os.File }

type svc struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[conf]
	n   int
}

func (s *svc) set(next *conf) {
	s.mu.Lock()
	old := s.cur.Replace(next, &s.mu)
	s.mu.Unlock()
	rcuapi.Synchronize()
	if old != nil {
		old.f.Close()
	}
	rcuapi.Call(func() { s.n++ })
}

func (s *svc) exit() { rcuapi.Barrier() }

var s svc

var Module = &rcuapi.Module{Name: "svc", Exit: s.exit}
