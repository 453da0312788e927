package tags

import (
	"testing"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// TestPort is analysed too: rcuvet and go vet check test files.
func TestPort(t *testing.T) {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	if cfg.Dereference(s) != nil { // want RCU1001
		t.Log(Port())
	}
}
