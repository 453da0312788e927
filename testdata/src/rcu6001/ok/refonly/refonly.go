// Package refonly queues callbacks and builds a module with neither Init
// nor Exit, which it uses only for its reference count: the module starts
// nothing, so there is nothing for an Exit to stop.
package refonly

import "github.com/rcuvet/rcuvet/rcuapi"

var (
	mod   = &rcuapi.Module{Name: "refonly"}
	freed int
)

// Retire frees an object after a grace period, while the module is held.
func Retire() {
	if !mod.TryGet() {
		return
	}
	rcuapi.Call(func() { freed++; mod.Put() })
}
