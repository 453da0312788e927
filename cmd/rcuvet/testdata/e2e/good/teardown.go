package good

import (
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The correct counterparts of the teardown checks (RCU6001, RCU6002,
// RCU6004, RCU6005): a module whose Exit stops its updaters, waits with
// Barrier for the callbacks of every domain on which this package queues
// them (classic RCU: blocking.go; journals: below), and ends its own SRCU
// domain last. A file that queues callbacks on another domain must add that
// domain's Barrier to the Exit.

type entry struct{ lines []string }

var (
	journalMu      sync.Mutex // serialises the updaters of curEntry
	journalStopped bool
	journals       rcuapi.SRCU
	curEntry       rcuapi.Pointer[entry]
)

// AppendEntry publishes next and clears the old entry once its readers are
// gone; it queues nothing once the module is stopping.
func AppendEntry(next *entry) {
	journalMu.Lock()
	defer journalMu.Unlock()
	if journalStopped {
		return
	}
	if old := curEntry.Replace(next, &journalMu); old != nil {
		journals.Call(func() { old.lines = nil })
	}
}

func journalExit() {
	journalMu.Lock()
	journalStopped = true // 1. nothing is queued from here on
	curEntry.Replace(nil, &journalMu)
	journalMu.Unlock()
	journals.Synchronize()                     // readers of the last entry are gone
	rcuapi.Barrier()                           // 2. the classic callbacks have run
	journals.Barrier()                         //    and so have those on journals
	if err := journals.Cleanup(); err != nil { // 3. the domain's last use
		log.Print(err)
	}
}

var JournalModule = &rcuapi.Module{Name: "journal", Exit: journalExit}
