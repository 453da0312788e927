// Case: TLS ticket keys are read by QSBR worker handles, but rotation wipes the old key from a classic rcuapi.Call callback, which does not wait for QSBR readers
// Source: CVE-2023-52447 (object retired after the grace period of a flavour its readers do not use); Documentation/RCU/checklist.rst item 7; rcuvet issue 13 item 5
// Kind: bad
// Pair: wrongdomainfixed

package wrongdomainbad

import (
	"crypto/hmac"
	"crypto/sha256"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type ticketKey struct {
	name [16]byte
	mac  []byte
}

func (k *ticketKey) wipe() { clear(k.mac) }

var (
	q   = rcuapi.NewQSBR("tickets")
	mu  sync.Mutex
	key rcuapi.Pointer[ticketKey]
)

// Seal appends the ticket MAC of state to dst; r is the worker's handle.
func Seal(r *rcuapi.QSBRReader, dst, state []byte) []byte {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	k := key.Dereference(s)
	m := hmac.New(sha256.New, k.mac)
	m.Write(state)
	dst = append(dst, k.name[:]...)
	return m.Sum(dst)
}

// Rotate installs a new key; the old one is wiped once no worker can still
// be sealing with it.
func Rotate(name [16]byte, mac []byte) {
	nk := &ticketKey{name: name, mac: append([]byte(nil), mac...)}
	mu.Lock()
	old := key.Replace(nk, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(old.wipe) // expect RCU5001
	}
}

// Worker seals states from in until it is closed.
func Worker(in <-chan []byte, out chan<- []byte) {
	r := q.Register()
	defer r.Unregister()
	r.Offline()
	for st := range in {
		r.Online()
		t := Seal(r, nil, st)
		r.Offline()
		out <- t
	}
}
