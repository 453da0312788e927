// Case: walking the loaded modules, a module is pinned with TryGet and the section is dropped around a blocking flush, then re-taken: the Modules iterator continues on the ended section
// Source: issue 13 item 7; the kernel module-unload design (an RCU-protected module list and a refcount with a base reference): try_module_get() pins the module, not the list position
// Kind: bad
// Pair: auditmodulesunlockfix

package auditmodulesunlock

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var spoolDir = os.TempDir()

// flush syncs the spool file of the named audit module to disk.
func flush(name string) error {
	f, err := os.OpenFile(filepath.Join(spoolDir, name+".spool"), os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// FlushAuditors flushes the spool of every loaded audit module. The module
// is pinned with TryGet, so using m after ReadUnlock is fine; the iteration
// is not.
func FlushAuditors() (errs int) {
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		if !strings.HasPrefix(m.Name, "audit-") || !m.TryGet() {
			continue
		}
		rcuapi.ReadUnlock(s) // expect RCU1001
		if flush(m.Name) != nil {
			errs++
		}
		m.Put()
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
	return errs
}
