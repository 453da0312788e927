// Case: statsaftercleanup
// Source: Documentation/RCU/checklist.rst item 14 (no use of an srcu_struct after cleanup_srcu_struct()); kernel use-after-cleanup fixes in driver teardown
// Kind: bad
// Pair: -
package statsaftercleanup

import (
	"fmt"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Layout struct {
	Shards []string
}

type Shard struct {
	domain *rcuapi.SRCU
	layout rcuapi.Pointer[Layout]
}

func (sh *Shard) Owner(key uint64) string {
	s := sh.domain.ReadLock()
	defer sh.domain.ReadUnlock(s)
	l := sh.layout.Dereference(s)
	return l.Shards[key%uint64(len(l.Shards))]
}

// Close tears the shard down and returns a last summary for the log.
func (sh *Shard) Close() string {
	sh.domain.Barrier()
	err := sh.domain.Cleanup()
	s := sh.domain.ReadLock() // expect RCU6005
	n := len(sh.layout.Dereference(s).Shards)
	sh.domain.ReadUnlock(s)
	return fmt.Sprintf("closed with %d shards (cleanup: %v)", n, err)
}
