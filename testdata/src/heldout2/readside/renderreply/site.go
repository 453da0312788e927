// Case: site server waits for a render worker's reply on a channel while still inside the classic section that holds the site's theme table
// Source: Documentation/RCU/checklist.rst item 2 (rcu_read_lock() sections must not block); whatisRCU.rst on what may not be done inside rcu_read_lock()
// Kind: bad
// Pair: renderreplyfix

package renderreply

import (
	"errors"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	errNoTheme = errors.New("site: no such theme")
	errBusy    = errors.New("site: renderers busy")
)

type Theme struct {
	Name   string
	Layout string
}

type site struct {
	themes map[string]Theme
	footer string
}

type renderReq struct {
	layout string
	vars   map[string]string
	reply  chan []byte
}

type Server struct {
	mu      sync.Mutex
	site    rcuapi.Pointer[site]
	renderq chan renderReq // served by a pool of render goroutines
}

// Page renders a page with the named theme and appends the site footer.
func (sv *Server) Page(theme string, vars map[string]string) ([]byte, error) {
	s := rcuapi.ReadLock()
	st := sv.site.Dereference(s)
	th, ok := st.themes[theme]
	if !ok {
		rcuapi.ReadUnlock(s)
		return nil, errNoTheme
	}
	req := renderReq{layout: th.Layout, vars: vars, reply: make(chan []byte, 1)}
	select {
	case sv.renderq <- req:
	default:
		rcuapi.ReadUnlock(s)
		return nil, errBusy
	}
	out := <-req.reply // expect RCU1005
	out = append(out, st.footer...)
	rcuapi.ReadUnlock(s)
	return out, nil
}

// Publish installs a new site definition; the old one is only memory.
func (sv *Server) Publish(next *site) {
	sv.mu.Lock()
	sv.site.Replace(next, &sv.mu)
	sv.mu.Unlock()
}
