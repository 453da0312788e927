// Case: keyringgoroutine
// Source: Documentation/RCU/checklist.rst item 4 (initialise before publishing); traefik PR #6979 (configuration changed after it was handed to readers)
// Kind: bad
// Pair: -
package keyringgoroutine

import (
	"crypto/rand"
	"sync/atomic"
)

// Keyring holds the session-ticket keys; Keys[0] encrypts, all decrypt.
type Keyring struct {
	Keys [][32]byte
}

var ring atomic.Pointer[Keyring]

func Current() *Keyring { return ring.Load() }

// Rotate publishes a keyring with a fresh first key; the key is generated in
// the background so that rotation never delays the caller.
// retained are the decrypt-only keys the caller keeps from earlier rotations.
func Rotate(retained [][32]byte) {
	next := &Keyring{Keys: make([][32]byte, 1, 1+len(retained))}
	next.Keys = append(next.Keys, retained...)
	ring.Store(next)
	go func() {
		rand.Read(next.Keys[0][:]) // expect RCU7003
	}()
}
