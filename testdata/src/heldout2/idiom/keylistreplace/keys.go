// Case: webhook signature verifier keeps its signing keys in an RCU list; rotation replaces the element under the updater lock, waits for a grace period after unlocking, and then zeroes the old secret
// Source: idiom: list_replace_rcu() under the update lock, synchronize_rcu(), then destroy the old entry (Documentation/RCU/listRCU.rst)
// Kind: idiom

package keylistreplace

import (
	"crypto/hmac"
	"crypto/sha256"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type key struct {
	id     string
	secret []byte
}

type Verifier struct {
	mu   sync.Mutex
	keys rcuapi.List[*key]
}

// Verify checks sig against msg with the key named id; all use of the
// secret happens inside the section.
func (v *Verifier) Verify(id string, msg, sig []byte) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range v.keys.All(s) {
		if k := e.Value; k.id == id {
			mac := hmac.New(sha256.New, k.secret)
			mac.Write(msg)
			return hmac.Equal(mac.Sum(nil), sig)
		}
	}
	return false
}

// Rotate installs a new secret for id, or adds the key.
func (v *Verifier) Rotate(id string, secret []byte) {
	next := &key{id: id, secret: secret}
	var old *key
	v.mu.Lock()
	for e := range v.keys.AllProtected(&v.mu) {
		if e.Value.id == id {
			old = e.Value
			v.keys.Replace(e, next)
			break
		}
	}
	if old == nil {
		v.keys.PushBack(next)
	}
	v.mu.Unlock()
	if old != nil {
		rcuapi.Synchronize()
		clear(old.secret)
	}
}
