// Package storedcb is a module whose callbacks another package queues
// from the function values it registered: its Exit must wait for them.
package storedcb

import (
	"fixtures/rcu6001/registry"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var buf []byte

func freeBuf() { buf = nil }

func flushOne() {}

func initStored() error {
	registry.Register("buf", freeBuf)
	registry.Later(flushOne)
	return nil
}

func exitStored() { // want `RCU6001: exitStored, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU`
	registry.Release("buf")
	registry.Flush()
}

var Module = &rcuapi.Module{Name: "stored", Init: initStored, Exit: exitStored}
