package bad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The teardown bugs (rcu6001.go, rcu6002.go, rcu6004.go, rcu6005.go) share
// this package with the other checks' bugs. RCU6001 asks every module Exit
// of a package to wait with Barrier for every domain on which the package
// queues callbacks of its own: here classic RCU (rcu3001.go, rcu3002.go,
// rcu4002.go, ...), feeds (below) and pages (rcu6004.go). Each Exit waits
// for all of them but the one its bug is about, so that each bug is
// reported once: a file that queues callbacks on another SRCU domain must
// add that domain's Barrier to both Exits.

type feed struct{ items []string }

var (
	feedMu  sync.Mutex // serialises the updaters of curFeed
	feeds   rcuapi.SRCU
	curFeed rcuapi.Pointer[feed]
)

// PublishFeed replaces the feed and clears the old one once its readers
// are gone.
func PublishFeed(next *feed) {
	feedMu.Lock()
	old := curFeed.Replace(next, &feedMu)
	feedMu.Unlock()
	if old != nil {
		feeds.Call(func() { old.items = nil })
	}
}

// FeedModule's Exit waits for the classic callbacks and those on pages,
// but not for those PublishFeed queued on feeds.
var FeedModule = &rcuapi.Module{
	Name: "feeds",
	Exit: func() { // want RCU6001
		rcuapi.Barrier()
		pages.Barrier()
	},
}
