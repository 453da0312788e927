// Case: API-key store's wipe callback hands the audit event to the shipper's queue without waiting
// Source: Documentation/RCU/checklist.rst items 5 and 11 (RCU callbacks must not block; defer blocking work to a workqueue); rcuapi.Call documentation
// Kind: fixed
// Pair: revokeaudit

package revokeauditfix

import (
	"crypto/subtle"
	"time"

	"fixtures/heldout2/callbacks/revokeauditfix/audit"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type apiKey struct {
	owner  string
	secret []byte
	scopes []string
}

type Keys struct {
	byID  rcuapi.Map[string, *apiKey]
	audit *audit.Client
}

// Verify checks a presented key and returns its owner.
func (k *Keys) Verify(id string, presented []byte) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	key, ok := k.byID.Load(s, id)
	if !ok || subtle.ConstantTimeCompare(key.secret, presented) != 1 {
		return "", false
	}
	return key.owner, true
}

// Revoke removes a key. Its secret is wiped, and the revocation audited,
// once no reader can still be comparing against it.
func (k *Keys) Revoke(id string) bool {
	old, ok := k.byID.Delete(id)
	if !ok {
		return false
	}
	rcuapi.Call(func() {
		clear(old.secret)
		k.audit.Enqueue(audit.Event{Kind: "key-revoked", Subject: old.owner, At: time.Now()})
	})
	return true
}
