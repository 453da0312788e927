// Package rcu1004 holds the fixtures of RCU1004: a section ended on another
// domain than the one that began it. This file holds the shapes that must be
// reported; ok.go holds the correct idioms that must not be.
package rcu1004

import (
	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type plugin struct{ name string }

var (
	plugins rcuapi.SRCU // protects active
	other   rcuapi.SRCU // protects nothing of this package
	active  rcuapi.Pointer[plugin]

	cfgDomain = rcuapi.NewSRCU("cfg")
	logDomain = rcuapi.NewSRCU("log")

	wdomA = wrapper.New("a")
	wdomB = wrapper.New("b")
)

// classicEndedOnSRCU ends a classic section with an SRCU's ReadUnlock.
func classicEndedOnSRCU() string {
	s := rcuapi.ReadLock()
	defer plugins.ReadUnlock(s) // want `RCU1004: ReadUnlock of SRCU domain plugins ends the section begun by ReadLock at rcu1004\.go:\d+ of classic RCU; end it on the domain that began it: rcuapi\.ReadUnlock\(s\)`
	return active.Dereference(s).name
}

// srcuEndedOnClassic ends an SRCU section with the classic ReadUnlock.
func srcuEndedOnClassic() string {
	s := plugins.ReadLock()
	defer rcuapi.ReadUnlock(s) // want `RCU1004: ReadUnlock of classic RCU ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain plugins`
	return active.Dereference(s).name
}

// srcuEndedOnOtherSRCU ends a section of one SRCU package variable on another.
func srcuEndedOnOtherSRCU() string {
	s := plugins.ReadLock()
	name := active.Dereference(s).name
	other.ReadUnlock(s) // want `RCU1004: ReadUnlock of SRCU domain other ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain plugins`
	return name
}

// srcuPointerEndedOnOther ends a section of one *SRCU package variable on another.
func srcuPointerEndedOnOther() {
	s := cfgDomain.ReadLock()
	logDomain.ReadUnlock(s) // want `RCU1004: ReadUnlock of SRCU domain logDomain ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain cfgDomain`
}

// server has two SRCU domains of its own.
type server struct {
	reads  rcuapi.SRCU
	writes rcuapi.SRCU
}

// fieldEndedOnOtherField ends a section of one SRCU field on another field of the same struct.
func (srv *server) fieldEndedOnOtherField() {
	s := srv.reads.ReadLock()
	srv.writes.ReadUnlock(s) // want `RCU1004: ReadUnlock of SRCU domain srv.writes ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain srv.reads`
}

// wrapperEndedOnOtherWrapper ends a section of one wrapper domain on another.
func wrapperEndedOnOtherWrapper() int {
	s := wdomA.ReadLock()
	defer wdomB.ReadUnlock(s) // want `RCU1004: ReadUnlock of SRCU domain wdomB ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain wdomA`
	return wdomA.Config(s).Port
}

// wrapperEndedOnClassic ends a wrapper domain's section with the classic ReadUnlock.
func wrapperEndedOnClassic() {
	s := wdomA.ReadLock()
	rcuapi.ReadUnlock(s) // want `RCU1004: ReadUnlock of classic RCU ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain wdomA`
}

// wrapperClassicEndedOnSRCU ends a classic section begun by a wrapper function on an SRCU.
func wrapperClassicEndedOnSRCU() {
	s := wrapper.Enter()
	plugins.ReadUnlock(s) // want `RCU1004: ReadUnlock of SRCU domain plugins ends the section begun by Enter at rcu1004.go:\d+ of classic RCU`
}

// srcuEndedByClassicWrapper ends an SRCU section with a wrapper's classic release.
func srcuEndedByClassicWrapper() {
	s := plugins.ReadLock()
	wrapper.Exit(s) // want `RCU1004: Exit of classic RCU ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain plugins`
}

// helperSectionEndedOnSRCU ends a classic section that a helper of another package began on an SRCU.
func helperSectionEndedOnSRCU() {
	s := helpers.Begin()
	plugins.ReadUnlock(s) // want `RCU1004: ReadUnlock of SRCU domain plugins ends the section begun by Begin at rcu1004.go:\d+ of classic RCU`
}

// srcuEndedByClassicHelper ends an SRCU section with a helper of another package that ends classic sections.
func srcuEndedByClassicHelper() {
	s := plugins.ReadLock()
	helpers.End(s) // want `RCU1004: End of classic RCU ends the section begun by ReadLock at rcu1004.go:\d+ of SRCU domain plugins`
}
