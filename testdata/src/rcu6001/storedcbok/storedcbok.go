// Package storedcbok is storedcb with the Barrier its Exit needs.
package storedcbok

import (
	"fixtures/rcu6001/registry"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var buf []byte

func freeBuf() { buf = nil }

func initStored() error {
	registry.Register("buf", freeBuf)
	return nil
}

func exitStored() {
	registry.Release("buf")
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "storedok", Init: initStored, Exit: exitStored}
