package rcu1004

import (
	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okSRCUSection ends an SRCU section on the same SRCU.
func okSRCUSection() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	return active.Dereference(s).name
}

// okSRCUParameter ends a section on the SRCU parameter that began it.
func okSRCUParameter(d *rcuapi.SRCU) string {
	s := d.ReadLock()
	defer d.ReadUnlock(s)
	return active.Dereference(s).name
}

// okSameField ends a section on the field that began it.
func (srv *server) okSameField() {
	s := srv.reads.ReadLock()
	srv.reads.ReadUnlock(s)
}

// okNestedDomains nests sections of two domains and ends each on its own.
func okNestedDomains() string {
	c := rcuapi.ReadLock()
	p := plugins.ReadLock()
	name := active.Dereference(p).name
	plugins.ReadUnlock(p)
	rcuapi.ReadUnlock(c)
	return name
}

// okSRCUPointer ends a section on the *SRCU package variable that began it.
func okSRCUPointer() {
	s := cfgDomain.ReadLock()
	cfgDomain.ReadUnlock(s)
}

// okWrapperSection ends a wrapper domain's section on the same domain.
func okWrapperSection() int {
	s := wdomA.ReadLock()
	defer wdomA.ReadUnlock(s)
	return wdomA.Config(s).Port
}

// okWrapperClassic pairs a wrapper's classic functions with classic RCU's.
func okWrapperClassic() {
	s := wrapper.Enter()
	rcuapi.ReadUnlock(s)
	t := rcuapi.ReadLock()
	wrapper.Exit(t)
}

// okHelpersClassic begins and ends a classic section through helpers of another package, and through rcuapi.
func okHelpersClassic() {
	s := helpers.Begin()
	rcuapi.ReadUnlock(s)
	t := rcuapi.ReadLock()
	helpers.End(t)
}

// okDomainChosenAtRunTime begins and ends a section on one domain value chosen at run time.
func okDomainChosenAtRunTime(useOther bool) {
	d := &plugins
	if useOther {
		d = &other
	}
	s := d.ReadLock()
	d.ReadUnlock(s)
}

// okEndGivenSection ends a Section it was given, whose domain it does not know.
func okEndGivenSection(s rcuapi.Section) { plugins.ReadUnlock(s) }

// okLocalSRCU ends a section on a local SRCU.
func okLocalSRCU() {
	d := rcuapi.NewSRCU("local")
	s := d.ReadLock()
	d.ReadUnlock(s)
	if err := d.Cleanup(); err != nil {
		panic(err)
	}
}

// store keeps its domain by value; its helper ends a section on it.
type store struct {
	dom   rcuapi.SRCU
	items rcuapi.Map[string, *int]
}

func (st *store) end(s rcuapi.Section) { st.dom.ReadUnlock(s) }

// okHelperEndsFieldDomain begins a section on st.dom and ends it through
// a method that ends it on the same st.dom.
func (st *store) okHelperEndsFieldDomain(k string) bool {
	s := st.dom.ReadLock()
	_, ok := st.items.Load(s, k)
	st.end(s)
	return ok
}
