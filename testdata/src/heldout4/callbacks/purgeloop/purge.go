// Case: token revocation service waits for an expedited grace period after unpublishing each revoked token, and its bulk import queues one RCU callback per line of the import stream with nothing limiting the backlog
// Source: Documentation/RCU/checklist.rst item 6 (synchronize_rcu_expedited() in a loop hurts real-time workloads; batch or use call_rcu()) and item 8 (call_rcu() in a loop needs a limit such as rcu_barrier())
// Kind: bad
// Pair: -

package purgeloop

import (
	"bufio"
	"io"
	"strings"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Token struct {
	Subject string
	Scopes  []string
}

type Store struct {
	tokens rcuapi.Map[string, *Token]
}

func wipe(t *Token) { t.Scopes = nil }

// RevokeAll is called by the admin API with the tokens of a compromised client.
func (s *Store) RevokeAll(ids []string) {
	for _, id := range ids {
		if t, ok := s.tokens.Delete(id); ok {
			rcuapi.SynchronizeExpedited() // expect RCU4001
			wipe(t)
		}
	}
}

// Import replaces tokens from a "id subject scope,scope" stream.
func (s *Store) Import(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue
		}
		old, loaded := s.tokens.Swap(f[0], &Token{Subject: f[1], Scopes: strings.Split(f[2], ",")})
		if loaded {
			rcuapi.Call(func() { wipe(old) }) // expect RCU4002
		}
	}
	return sc.Err()
}
