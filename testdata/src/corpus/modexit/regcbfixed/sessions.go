// Case: core posts a module's registered free function at unload; Exit calls Barrier before closing the arena
// Source: Linux target core, "target: Add missing rcu_barrier() in target_backend_unregister" (v4.2 regression: the core's call_rcu ran backend free code after the backend module was gone); https://gitlab.flux.utah.edu/xcap/xcap-capability-linux/-/blob/9450918293b3c35f11883231a53da1aed2c78403/drivers/target/target_core_configfs.c
// Kind: fixed
// Pair: regcbbad

package regcbfixed

import (
	"sync/atomic"

	"fixtures/corpus/modexit/regcbfixed/finalizers"
	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	spare  chan []byte // recycled session buffers; closed at unload
	nextID atomic.Uint64
)

// Module is the session plugin.
var Module = &rcuapi.Module{Name: "sessions", Init: initSessions, Exit: exitSessions}

func initSessions() error {
	spare = make(chan []byte, 64)
	finalizers.Register("session", freeSession)
	return nil
}

// freeSession runs as an RCU callback posted by the finalizers package. It
// never waits: a full pool drops the buffer.
func freeSession(o *finalizers.Object) {
	select {
	case spare <- o.Data:
	default:
	}
}

// Open starts a session and returns its id.
func Open() uint64 {
	id := nextID.Add(1)
	buf := make([]byte, 4096)
	select {
	case buf = <-spare:
	default:
	}
	finalizers.Track(&finalizers.Object{Kind: "session", ID: id, Data: buf})
	return id
}

// exitSessions releases the remaining sessions. The core posts freeSession
// for each with rcuapi.Call; Barrier waits for those callbacks before the
// channel they use is closed.
func exitSessions() {
	finalizers.ReleaseKind("session")
	finalizers.Register("session", nil)
	rcuapi.Barrier()
	close(spare)
}
