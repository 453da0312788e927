// Case: key rotation runs from a reader that still holds its section and waits for a grace period
// Source: synchronize_rcu() called inside rcu_read_lock(), a self-deadlock (Documentation/RCU/checklist.rst items 6 and 15)
// Kind: bad
// Pair: syncunderreadfix

package syncunderread

import (
	"crypto/sha256"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type keyset struct {
	id      uint32
	secret  []byte
	created time.Time
}

// wipe zeroes the secret of a retired key.
func (k *keyset) wipe() { clear(k.secret) }

type Manager struct {
	cur    rcuapi.Pointer[keyset]
	maxAge time.Duration
}

// retire waits until no reader can hold old, then wipes it.
func (m *Manager) retire(old *keyset) {
	rcuapi.Synchronize()
	old.wipe()
}

// Seal returns the key id and a copy of the secret to seal a message with,
// ratcheting the key first when it is too old. Rotation is lock-free.
func (m *Manager) Seal(now time.Time) (uint32, []byte) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	k := m.cur.Dereference(s)
	if now.Sub(k.created) > m.maxAge {
		next := sha256.Sum256(append([]byte("ratchet"), k.secret...))
		fresh := &keyset{id: k.id + 1, secret: next[:], created: now}
		if m.cur.CompareAndSwap(k, fresh) {
			m.retire(k) // expect RCU1006
		}
		k = m.cur.Dereference(s)
	}
	return k.id, append([]byte(nil), k.secret...)
}
