// Case: the audit modules are pinned with TryGet inside one section, and flushed (blocking) after it ended
// Source: issue 13 items 2 and 7; kernel module-unload design: try_module_get() under the RCU-protected module list, use after the section, module_put() when done
// Kind: fixed
// Pair: auditmodulesunlock

package auditmodulesunlockfix

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

// FlushAuditors flushes the spool of every loaded audit module.
func FlushAuditors() (errs int) {
	var pinned []*rcuapi.Module
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		if strings.HasPrefix(m.Name, "audit-") && m.TryGet() {
			pinned = append(pinned, m)
		}
	}
	rcuapi.ReadUnlock(s)
	for _, m := range pinned {
		if flush(m.Name) != nil {
			errs++
		}
		m.Put()
	}
	return errs
}
