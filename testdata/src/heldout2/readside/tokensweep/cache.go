// Case: token cache sweeper deletes expired entries from the rcuapi.Map it is ranging over inside a classic section
// Source: rcuapi.Map documentation (its updates may wait for the map's mutex, so a classic section must not contain them) and Documentation/RCU/checklist.rst item 2 (no blocking under rcu_read_lock())
// Kind: bad
// Pair: tokensweepfix

package tokensweep

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Token is a cached OAuth access token.
type Token struct {
	Value  string
	Scope  string
	Expiry time.Time
}

type Cache struct {
	tokens rcuapi.Map[string, *Token] // by client ID
}

// Get returns a client's token if it is still valid.
func (c *Cache) Get(client string, now time.Time) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t, ok := c.tokens.Load(s, client)
	if !ok || now.After(t.Expiry) {
		return "", false
	}
	return t.Value, true
}

// Put caches a fresh token.
func (c *Cache) Put(client string, t *Token) { c.tokens.Store(client, t) }

// Sweep drops expired tokens and returns how many it dropped. Tokens are
// plain memory; nothing needs retiring.
func (c *Cache) Sweep(now time.Time) int {
	n := 0
	s := rcuapi.ReadLock()
	for client, t := range c.tokens.Range(s) {
		if now.After(t.Expiry) {
			c.tokens.Delete(client) // expect RCU1005
			n++
		}
	}
	rcuapi.ReadUnlock(s)
	return n
}
