// Case: srcublocking
// Source: idiom: SRCU readers may block (Documentation/RCU/whatisRCU.rst, SRCU); vault-style secret backends that call out to a KMS while reading the mount table
// Kind: idiom
package srcublocking

import (
	"context"
	"net/http"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Mount struct {
	Path   string
	KMSURL string
	client *http.Client
}

type Router struct {
	mu     sync.Mutex
	domain *rcuapi.SRCU
	mounts rcuapi.Pointer[map[string]*Mount]
}

// Unwrap asks the mount's KMS to decrypt a data key; it may take a while.
func (r *Router) Unwrap(ctx context.Context, path string) (int, error) {
	s := r.domain.ReadLock()
	defer r.domain.ReadUnlock(s)
	m, ok := (*r.mounts.Dereference(s))[path]
	if !ok {
		return http.StatusNotFound, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.KMSURL, nil)
	if err != nil {
		return 0, err
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Unmount removes a mount and closes its idle connections after its readers finish.
func (r *Router) Unmount(path string) {
	r.mu.Lock()
	cur := *r.mounts.Protected(&r.mu)
	next := make(map[string]*Mount, len(cur))
	for k, v := range cur {
		if k != path {
			next[k] = v
		}
	}
	r.mounts.Assign(&next)
	r.mu.Unlock()
	r.domain.Synchronize()
	if old, ok := cur[path]; ok {
		old.client.CloseIdleConnections()
	}
}
