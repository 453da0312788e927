// Package nouse has nothing to do with RCU: the engine must not build SSA
// for it.
package nouse

import "sync"

var mu sync.Mutex

func Locked(f func()) {
	mu.Lock()
	defer mu.Unlock()
	f()
}
