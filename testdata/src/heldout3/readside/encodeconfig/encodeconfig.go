// Case: admin endpoint JSON-encodes the published config straight to the http.ResponseWriter from inside a classic section
// Source: Documentation/RCU/checklist.rst item 2 (no blocking I/O under rcu_read_lock()); stallwarn.rst
// Kind: bad
// Pair: readside/encodeconfigfix

package encodeconfig

import (
	"encoding/json"
	"log"
	"net/http"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct {
	Listen   string        `json:"listen"`
	Timeout  time.Duration `json:"timeout"`
	Upstream []string      `json:"upstream"`
}

type Admin struct {
	cfg rcuapi.Pointer[Config]
}

func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	s := rcuapi.ReadLock()
	cfg := a.cfg.Dereference(s)
	err := json.NewEncoder(w).Encode(cfg) // expect RCU1005
	rcuapi.ReadUnlock(s)
	if err != nil {
		log.Printf("admin: %v", err)
	}
}
