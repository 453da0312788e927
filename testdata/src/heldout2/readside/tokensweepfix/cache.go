// Case: token cache sweeper collects the expired client IDs inside the section and deletes them after it
// Source: rcuapi.Map documentation (its updates may wait for the map's mutex, so a classic section must not contain them) and Documentation/RCU/checklist.rst item 2 (no blocking under rcu_read_lock())
// Kind: fixed
// Pair: tokensweep

package tokensweepfix

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
	var expired []string
	s := rcuapi.ReadLock()
	for client, t := range c.tokens.Range(s) {
		if now.After(t.Expiry) {
			expired = append(expired, client)
		}
	}
	rcuapi.ReadUnlock(s)
	// A token refreshed since the walk is dropped too; the next Get misses
	// and the caller fetches it again.
	for _, client := range expired {
		c.tokens.Delete(client)
	}
	return len(expired)
}
