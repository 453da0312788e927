// Case: code (here a test) sets a field of the globally published config in place through the getter, racing every reader
// Source: pingcap/tidb issue #23748 https://github.com/pingcap/tidb/issues/23748 ("config: data races in tests"; its example writes GetGlobalConfig().AlterPrimaryKey while another goroutine reads it); the config package follows config/config.go GetGlobalConfig/StoreGlobalConfig as indexed; the individual fixes (e.g. PR #20142, #22977) replaced such writes by config.UpdateGlobal; reduced from the issue text, no single fix commit read
// Kind: bad
// Pair: tidb23748fixed

package tidb23748bad

import "fixtures/corpus/native/tidb23748bad/config"

// enableAlterPrimaryKey is what a test did before exercising DDL.
func enableAlterPrimaryKey() {
	config.GetGlobalConfig().AlterPrimaryKey = true // expect RCU7002
}

// alterPrimaryKeyAllowed is the read side, run by DDL workers.
func alterPrimaryKeyAllowed() bool {
	return config.GetGlobalConfig().AlterPrimaryKey
}
