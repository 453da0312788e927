// Case: search frontend clones the shard list, ends its section, and only then fans out and waits
// Source: Documentation/RCU/checklist.rst item 2 (no blocking in rcu_read_lock() sections); whatisRCU.rst; stall reports from readers that wait for other threads
// Kind: fixed
// Pair: readside/scattergather

package scattergatherfix

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type shardSet struct {
	addrs []string
}

type Search struct {
	client *http.Client
	shards rcuapi.Pointer[shardSet]
}

func (s *Search) fetch(ctx context.Context, addr, q string) int {
	req, err := http.NewRequestWithContext(ctx, "GET", addr+"/search?q="+url.QueryEscape(q), nil)
	if err != nil {
		return 0
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (s *Search) Query(ctx context.Context, q string) []int {
	sec := rcuapi.ReadLock()
	addrs := slices.Clone(s.shards.Dereference(sec).addrs)
	rcuapi.ReadUnlock(sec)
	codes := make([]int, len(addrs))
	var wg sync.WaitGroup
	for i, addr := range addrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = s.fetch(ctx, addr, q)
		}()
	}
	wg.Wait()
	return codes
}
