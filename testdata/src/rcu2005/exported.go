package rcu2005

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// An exported function that names an unexported lock it does not take:
// its callers in other packages cannot hold that lock.

type zone struct{ serial uint32 }

// Zones is a published zone with its update lock.
type Zones struct {
	mu  sync.Mutex
	Mu  sync.Mutex // exported: callers may hold it
	cur rcuapi.Pointer[zone]
}

// Serial reads the serial on the update side, without the lock.
func (z *Zones) Serial() uint32 {
	return z.cur.Protected(&z.mu).serial // want `RCU2005: Protected names z\.mu, which is not held here, and callers in other packages cannot take it`
}

// SerialLocked is for callers that hold z.mu.
func (z *Zones) SerialLocked() uint32 {
	return z.cur.Protected(&z.mu).serial
}

// serial is for callers of this package, which may hold z.mu.
func (z *Zones) serial() uint32 {
	return z.cur.Protected(&z.mu).serial
}

// SerialMu is for callers that hold the exported z.Mu.
func (z *Zones) SerialMu() uint32 {
	return z.cur.Protected(&z.Mu).serial
}

var (
	zonesMu sync.Mutex
	zones   rcuapi.Pointer[zone]
)

// GlobalSerial names an unexported package lock it does not take.
func GlobalSerial() uint32 {
	return zones.Protected(&zonesMu).serial // want `RCU2005: Protected names zonesMu, which is not held here`
}

// SerialWith is given the lock: its caller holds it.
func SerialWith(mu *sync.Mutex) uint32 {
	return zones.Protected(mu).serial
}

// nilLock names no lock: Protected panics.
func nilLock() uint32 {
	return zones.Protected(nil).serial // want `RCU2005: Protected is given a nil lock, and panics: name the update lock held here, or rcuapi\.SingleUpdater`
}

// okSingleUpdater is the one goroutine that updates zones.
//
//rcu:single-updater
func okSingleUpdater() {
	old := zones.Protected(rcuapi.SingleUpdater)
	zones.Replace(&zone{serial: old.serial + 1}, rcuapi.SingleUpdater)
}
