package rcu1005

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A registered QSBR handle that is online is inside one long read-side
// section until its next quiescent state: blocking there holds up every
// grace period of its domain.

var (
	wq   rcuapi.QSBR
	wmu  sync.Mutex
	jobs = make(chan int)
)

func workerBlocksOnline() {
	r := wq.Register()
	defer r.Unregister()
	for {
		j := <-jobs // want `RCU1005: receives from a channel while the QSBR reader registered at qsbronline.go:\d+ is online`
		_ = j
		r.Quiescent()
	}
}

func workerSleepsOnline() {
	r := wq.Register()
	defer r.Unregister()
	for range 3 {
		time.Sleep(time.Millisecond) // want `RCU1005: calls time.Sleep while the QSBR reader registered at qsbronline.go:\d+ is online`
		r.Quiescent()
	}
}

func workerLocksOnline(h *rcuapi.QSBRReader) {
	h.Online()
	wmu.Lock() // want `RCU1005: calls sync.Mutex.Lock while QSBR reader h is online`
	wmu.Unlock()
	h.Offline()
}

// workerOfflineAroundWaits goes offline around every wait: correct.
func workerOfflineAroundWaits() {
	r := wq.Register()
	defer r.Unregister()
	for {
		r.Offline()
		j, ok := <-jobs
		r.Online()
		if !ok {
			return
		}
		_ = j
		r.Quiescent()
	}
}

// helperGivenHandle hands the handle to a helper that goes offline itself:
// not reported here.
func helperGivenHandle() {
	r := wq.Register()
	defer r.Unregister()
	waitOffline(r)
}

func waitOffline(r *rcuapi.QSBRReader) {
	r.Offline()
	<-jobs
	r.Online()
}
