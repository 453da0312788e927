package rcu1005

import "github.com/rcuvet/rcuvet/rcuapi"

// rcuapi.Map's updates take the map's own mutex, which other updaters
// hold: a classic reader must not make them; an SRCU reader may.

var (
	answers rcuapi.Map[string, *int]
	mapDom  rcuapi.SRCU
)

func storeInClassicSection(k string, v *int) {
	s := rcuapi.ReadLock()
	if _, ok := answers.Load(s, k); !ok {
		answers.LoadOrStore(k, v) // want `RCU1005: calls LoadOrStore, which may wait for a lock that other updaters hold inside the section begun by ReadLock`
	}
	rcuapi.ReadUnlock(s)
}

func deleteInClassicSection(k string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if p, ok := answers.Load(s, k); ok && *p == 0 {
		answers.Delete(k) // want `RCU1005: calls Delete, which may wait for a lock that other updaters hold`
	}
}

func okStoreAfterSection(k string, v *int) {
	s := rcuapi.ReadLock()
	_, ok := answers.Load(s, k)
	rcuapi.ReadUnlock(s)
	if !ok {
		answers.Store(k, v)
	}
}

var srcuAnswers rcuapi.Map[string, *int]

func okStoreInSRCUSection(k string, v *int) {
	s := mapDom.ReadLock()
	defer mapDom.ReadUnlock(s)
	if _, ok := srcuAnswers.Load(s, k); !ok {
		srcuAnswers.Swap(k, v)
	}
}
