// Package cgo calls C inside read-side sections.
package cgo

/*
static int add(int a, int b) { return a + b; }
*/
import "C"

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var cfg rcuapi.Pointer[config] // classic RCU

// Sum adds through C the port read under a section.
func Sum(a int) int {
	s := rcuapi.ReadLock()
	port := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	return int(C.add(C.int(a), C.int(port)))
}

// Late dereferences after the section ended.
func Late() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return int(C.add(1, C.int(cfg.Dereference(s).port))) // want RCU1001
}
