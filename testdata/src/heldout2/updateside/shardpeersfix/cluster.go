// Case: cluster map fills in the shard's peer list before it stores the shard
// Source: Documentation/RCU/checklist.rst item 4 (initialise the structure before rcu_assign_pointer()/list_add_rcu() makes it visible); whatisRCU.rst on publication
// Kind: fixed
// Pair: shardpeers

package shardpeersfix

import (
	"errors"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoShard = errors.New("cluster: unknown shard")

// Shard is one replica group. Published shards are never modified; a
// change of leader or peers stores a new *Shard.
type Shard struct {
	ID     int
	Leader string
	Peers  []string
}

type Cluster struct {
	mu     sync.Mutex // serialises changes that read a shard before storing one
	shards rcuapi.Map[int, *Shard]
	count  atomic.Int64
}

// Route returns where a request for shard id goes, and its fallbacks.
func (c *Cluster) Route(id int) (leader string, fallbacks []string, err error) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	sh, ok := c.shards.Load(s, id)
	if !ok {
		return "", nil, ErrNoShard
	}
	return sh.Leader, slices.Clone(sh.Peers), nil
}

// AddShard registers a new replica group.
func (c *Cluster) AddShard(id int, leader string, peers []string) {
	sh := &Shard{ID: id, Leader: leader}
	sh.Peers = slices.Clone(peers)
	c.mu.Lock()
	c.shards.Store(id, sh)
	c.mu.Unlock()
	c.count.Add(1)
}

// ChangeLeader publishes a copy of the shard with a new leader.
func (c *Cluster) ChangeLeader(id int, leader string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := rcuapi.ReadLock()
	cur, ok := c.shards.Load(s, id)
	var next Shard
	if ok {
		next = Shard{ID: cur.ID, Leader: leader, Peers: slices.Clone(cur.Peers)}
	}
	rcuapi.ReadUnlock(s)
	if !ok {
		return ErrNoShard
	}
	c.shards.Store(id, &next)
	return nil
}
