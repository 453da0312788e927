// Case: per-tenant database registry's SRCU callback hands the Close of the replaced *sql.DB to a goroutine
// Source: Documentation/RCU/checklist.rst item 5 (callbacks must not block); database/sql documentation (DB.Close waits for queries that have started)
// Kind: fixed
// Pair: callbacks/dbclosecb

package dbclosecbfix

import (
	"context"
	"database/sql"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type TenantDBs struct {
	dom rcuapi.SRCU // readers run queries inside sections
	m   rcuapi.Map[string, *sql.DB]
}

func (t *TenantDBs) Count(ctx context.Context, tenant, table string) (int, error) {
	s := t.dom.ReadLock()
	defer t.dom.ReadUnlock(s)
	db, ok := t.m.Load(s, tenant)
	if !ok {
		return 0, sql.ErrConnDone
	}
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n, err
}

// Rotate installs a handle with new credentials for the tenant.
func (t *TenantDBs) Rotate(tenant string, db *sql.DB) {
	old, loaded := t.m.Swap(tenant, db)
	if !loaded {
		return
	}
	t.dom.Call(func() {
		go old.Close()
	})
}
