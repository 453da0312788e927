// Case: the test changes the global config through UpdateGlobal, whose callback writes a fresh copy
// Source: pingcap/tidb issue #23748 https://github.com/pingcap/tidb/issues/23748 and PR #20142 https://github.com/pingcap/tidb/pull/20142 ("Use config.UpdateGlobal instead of modifying the value directly"); TiDB's UpdateGlobal takes no lock (see case vtidbupdatebad), the one here does so that this case holds no other bug
// Kind: fixed
// Pair: tidb23748bad

package tidb23748fixed

import "fixtures/corpus/native/tidb23748fixed/config"

// enableAlterPrimaryKey is what a test does before exercising DDL.
func enableAlterPrimaryKey() {
	config.UpdateGlobal(func(conf *config.Config) {
		conf.AlterPrimaryKey = true
	})
}

// alterPrimaryKeyAllowed is the read side, run by DDL workers.
func alterPrimaryKeyAllowed() bool {
	return config.GetGlobalConfig().AlterPrimaryKey
}
