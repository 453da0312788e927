// Case: upstream proxy whose readers do network I/O inside SRCU sections; the updater waits on the same domain before closing
// Source: idiom: SRCU exists so that readers may sleep; a slow reader only delays this domain's updaters (Documentation/RCU/whatisRCU.rst, SRCU section; checklist.rst item 14)
// Kind: idiom

package srcublocking

import (
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var errNoUpstream = errors.New("no upstream configured")

type upstream struct {
	base   string
	client *http.Client
	tr     *http.Transport
}

type Proxy struct {
	mu  sync.Mutex
	d   rcuapi.SRCU
	cur rcuapi.Pointer[upstream]
}

// Fetch proxies path to the current upstream. The request can take
// seconds; the section is SRCU, so only Retarget waits for it.
func (p *Proxy) Fetch(path string, w io.Writer) error {
	s := p.d.ReadLock()
	defer p.d.ReadUnlock(s)
	u := p.cur.Dereference(s)
	if u == nil {
		return errNoUpstream
	}
	resp, err := u.client.Get(u.base + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

// Retarget points the proxy at a new upstream and closes the old one's
// idle connections once no Fetch can still use it.
func (p *Proxy) Retarget(base string) {
	tr := &http.Transport{IdleConnTimeout: 30 * time.Second}
	next := &upstream{base: base, tr: tr, client: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
	p.mu.Lock()
	old := p.cur.Replace(next, &p.mu)
	p.mu.Unlock()
	if old == nil {
		return
	}
	p.d.Synchronize()
	old.tr.CloseIdleConnections()
}
