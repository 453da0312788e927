// Case: admin endpoint encodes the config into a bytes.Buffer inside the section and writes the response after it
// Source: Documentation/RCU/checklist.rst item 2 (no blocking I/O under rcu_read_lock()); stallwarn.rst
// Kind: fixed
// Pair: readside/encodeconfig

package encodeconfigfix

import (
	"bytes"
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
	var buf bytes.Buffer
	s := rcuapi.ReadLock()
	cfg := a.cfg.Dereference(s)
	err := json.NewEncoder(&buf).Encode(cfg)
	rcuapi.ReadUnlock(s)
	if err == nil {
		_, err = w.Write(buf.Bytes())
	}
	if err != nil {
		log.Printf("admin: %v", err)
	}
}
