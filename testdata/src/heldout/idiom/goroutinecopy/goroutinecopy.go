// Case: webhook fan-out copies each target's URL and secret inside the section and starts goroutines with the copies
// Source: idiom: work handed to another thread gets copies (or a reference), never the pointer obtained under rcu_read_lock() (Documentation/RCU/checklist.rst item 2)
// Kind: idiom

package goroutinecopy

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type hook struct {
	url    string
	secret []byte
	events map[string]bool
}

type Hooks struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[[]*hook]
}

type target struct {
	url    string
	secret []byte
}

// Fire posts body to every hook subscribed to event, concurrently.
func (h *Hooks) Fire(event string, body []byte) *sync.WaitGroup {
	var ts []target
	s := rcuapi.ReadLock()
	if hs := h.cur.Dereference(s); hs != nil {
		for _, hk := range *hs {
			if hk.events[event] {
				ts = append(ts, target{url: hk.url, secret: bytes.Clone(hk.secret)})
			}
		}
	}
	rcuapi.ReadUnlock(s)

	var wg sync.WaitGroup
	for _, t := range ts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mac := hmac.New(sha256.New, t.secret)
			mac.Write(body)
			req, err := http.NewRequest("POST", t.url, bytes.NewReader(body))
			if err != nil {
				return
			}
			req.Header.Set("X-Signature", hex.EncodeToString(mac.Sum(nil)))
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
	}
	return &wg
}

// Replace installs new hooks and scrubs the old secrets after a grace period.
func (h *Hooks) Replace(next []*hook) {
	h.mu.Lock()
	old := h.cur.Replace(&next, &h.mu)
	h.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize()
	for _, hk := range *old {
		clear(hk.secret)
	}
}
