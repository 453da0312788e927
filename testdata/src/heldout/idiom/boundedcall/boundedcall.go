// Case: bulk importer retires replaced records with Call in a loop over an input stream, bounded by Pending and a Barrier
// Source: idiom: throttle call_rcu() floods by checking the backlog and waiting when it grows (Documentation/RCU/checklist.rst item 8)
// Kind: idiom

package boundedcall

import (
	"bufio"
	"io"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type record struct {
	key    string
	fields []string
}

var fieldPool sync.Pool

type DB struct {
	recs rcuapi.Map[string, *record]
}

const maxBacklog = 10000

// Import reads "key,f1,f2,..." lines until EOF, replacing existing records.
func (db *DB) Import(r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		parts := strings.Split(sc.Text(), ",")
		if len(parts) < 2 {
			continue
		}
		prev, loaded := db.recs.Swap(parts[0], &record{key: parts[0], fields: parts[1:]})
		n++
		if !loaded {
			continue
		}
		rcuapi.Call(func() { fieldPool.Put(prev.fields[:0]) })
		if rcuapi.Pending() > maxBacklog {
			rcuapi.Barrier()
		}
	}
	return n, sc.Err()
}

// Field copies field i of key.
func (db *DB) Field(key string, i int) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rec, ok := db.recs.Load(s, key)
	if !ok || i >= len(rec.fields) {
		return "", false
	}
	return rec.fields[i], true
}
