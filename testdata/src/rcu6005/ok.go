package rcu6005

import (
	"errors"
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// goodDom is torn down in the right order, Cleanup last.
var (
	goodDom rcuapi.SRCU
	goodCur rcuapi.Pointer[page]
)

func goodClose() error {
	mu.Lock()
	old := goodCur.Replace(nil, &mu)
	mu.Unlock()
	goodDom.Synchronize() // readers that could hold old have left
	goodDom.Barrier()     // and the callbacks queued on goodDom have run
	if old != nil {
		old.close()
	}
	return goodDom.Cleanup() // the last use of goodDom
}

// openDom: a section begun before the Cleanup may still be ended after it.
var openDom rcuapi.SRCU

func endAfter() error {
	s := openDom.ReadLock()
	err := openDom.Cleanup()
	openDom.ReadUnlock(s)
	if errors.Is(err, rcuapi.ErrActiveReaders) {
		log.Print("readers were still inside")
	}
	return err
}

// branchDom is cleaned up on one path and used on the other.
var branchDom rcuapi.SRCU

func branchClose(done bool) error {
	if done {
		branchDom.Barrier()
		return branchDom.Cleanup()
	}
	branchDom.Synchronize()
	return nil
}

// oneDom is cleaned up; twoDom, another domain, is used afterwards.
var oneDom, twoDom rcuapi.SRCU

func otherDomain() error {
	oneDom.Barrier()
	err := oneDom.Cleanup()
	twoDom.Synchronize()
	return err
}

// laterDom is cleaned up in one function; another uses it (on a path where
// it was not cleaned up: the checker does not follow time across calls).
var laterDom rcuapi.SRCU

func laterClose() error {
	laterDom.Barrier()
	return laterDom.Cleanup()
}

func laterUse() { laterDom.Synchronize() }

// A shard keeps its SRCU domain in a field. rotate cleans up the old
// shard's domain and then uses the new shard's: two values of one type,
// two domains.
type shard struct {
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[page]
}

func rotate(old, next *shard) error {
	old.dom.Barrier()
	err := old.dom.Cleanup()
	next.dom.Synchronize()
	return err
}

// liveDom points to the current domain; replace makes a new one, cleans
// the old one up, and then uses the new one.
var liveDom = rcuapi.NewSRCU("live")

func replace() error {
	old := liveDom
	liveDom = rcuapi.NewSRCU("live")
	old.Barrier()
	err := old.Cleanup()
	liveDom.Synchronize()
	return err
}

// okHelperBeforeCleanup uses its domain through helpers, then cleans it up.
var okHelperDom rcuapi.SRCU

func okHelperBeforeCleanup() int {
	n := readOn(&okHelperDom)
	okHelperDom.Barrier()
	okHelperDom.Cleanup()
	return n
}

// okOtherDomainAfterCleanup cleans up one domain and reads on another
// through the helper.
var okCleanedDom, okOtherDom rcuapi.SRCU

func okOtherDomainAfterCleanup() int {
	okCleanedDom.Cleanup()
	return readOn(&okOtherDom)
}

// A Barrier deferred after the deferred Cleanup runs before it.
type okAttachments struct {
	dom *rcuapi.SRCU
}

func (a *okAttachments) Close() {
	defer a.dom.Cleanup()
	defer a.dom.Barrier()
}
