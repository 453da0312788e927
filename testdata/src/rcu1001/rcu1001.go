package rcu1001

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var cfg rcuapi.Pointer[config]

func afterUnlock() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:10, which ended at rcu1001.go:11`
}

func zero() int {
	var s rcuapi.Section
	return cfg.Dereference(s).port // want `RCU1001: Dereference with the zero Section`
}

func good() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port
}
