// Case: GeoIP lookup initialises its database lazily with sync.Once, reloads build a fresh database under a mutex, and lookups load and read
// Source: idiom: sync.Once for the first publication, copy-on-write reloads (Go standard practice; Documentation/RCU/checklist.rst items 1 and 4)
// Kind: idiom

package oncelazy

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

type db struct {
	country map[string]string // /24 prefix -> country code
}

func loadDB(path string) (*db, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d := &db{country: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		prefix, cc, ok := strings.Cut(sc.Text(), ",")
		if ok {
			d.country[prefix] = cc
		}
	}
	return d, sc.Err()
}

type GeoIP struct {
	path   string
	once   sync.Once
	mu     sync.Mutex
	cur    atomic.Pointer[db]
	initEr error
}

func (g *GeoIP) get() (*db, error) {
	g.once.Do(func() {
		d, err := loadDB(g.path)
		if err != nil {
			g.initEr = err
			return
		}
		g.cur.Store(d)
	})
	return g.cur.Load(), g.initEr
}

func (g *GeoIP) Country(prefix24 string) string {
	d, err := g.get()
	if err != nil || d == nil {
		return ""
	}
	return d.country[prefix24]
}

func (g *GeoIP) Reload() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	d, err := loadDB(g.path)
	if err != nil {
		return err
	}
	g.cur.Store(d)
	return nil
}
