// Case: search frontend whose readers fan a query out to shard goroutines and wait for them with a WaitGroup inside an SRCU section; shard-set updates wait for that domain before closing old clients
// Source: idiom: SRCU readers may block (Documentation/RCU/whatisRCU.rst, checklist.rst item 14); rcuapi package docs on choosing a flavour
// Kind: idiom

package srcuscatter

import (
	"context"
	"net/http"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type shard struct {
	addr   string
	client *http.Client
}

type shardSet struct {
	shards []*shard
}

type Search struct {
	mu  sync.Mutex
	dom rcuapi.SRCU
	set rcuapi.Pointer[shardSet]
}

func (s *Search) Query(ctx context.Context, q string) []int {
	sec := s.dom.ReadLock()
	defer s.dom.ReadUnlock(sec)
	shards := s.set.Dereference(sec).shards
	codes := make([]int, len(shards))
	var wg sync.WaitGroup
	for i, sh := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequestWithContext(ctx, "GET", sh.addr+"/q?"+q, nil)
			if err != nil {
				return
			}
			if resp, err := sh.client.Do(req); err == nil {
				codes[i] = resp.StatusCode
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	return codes
}

func (s *Search) SetShards(addrs []string) {
	next := &shardSet{}
	for _, a := range addrs {
		next.shards = append(next.shards, &shard{addr: a, client: &http.Client{}})
	}
	s.mu.Lock()
	old := s.set.Replace(next, &s.mu)
	s.mu.Unlock()
	if old == nil {
		return
	}
	s.dom.Synchronize()
	for _, sh := range old.shards {
		sh.client.CloseIdleConnections()
	}
}
