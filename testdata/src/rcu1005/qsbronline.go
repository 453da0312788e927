package rcu1005

import (
	"net"
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

// okWorkerLocksOnline holds a mutex for a moment while online, outside any
// section: brief, and a grace period waits for it at most that long (a
// lock held across a grace-period wait is RCU3003's, reported at the wait).
func okWorkerLocksOnline(h *rcuapi.QSBRReader) {
	h.Online()
	wmu.Lock()
	wmu.Unlock()
	h.Offline()
}

// workerReceivesOnline waits online for input that may never come.
func workerReceivesOnline(h *rcuapi.QSBRReader, in <-chan int) int {
	h.Online()
	v := <-in // want `RCU1005: receives from a channel while QSBR reader h is online`
	h.Offline()
	return v
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

// workerWritesOnline writes to a connection, through net.Conn, while
// online; okWorkerWritesOffline goes offline around the write.
func workerWritesOnline(out net.Conn, lines <-chan []byte) {
	r := wq.Register()
	defer r.Unregister()
	for {
		r.Offline()
		line, ok := <-lines
		r.Online()
		if !ok {
			return
		}
		out.Write(line) // want `RCU1005: calls Write on a net\.Conn \(network I/O\) while the QSBR reader registered at qsbronline.go:\d+ is online`
		r.Quiescent()
	}
}

func okWorkerWritesOffline(out net.Conn, lines <-chan []byte) {
	r := wq.Register()
	defer r.Unregister()
	for {
		r.Offline()
		line, ok := <-lines
		if ok {
			out.Write(line)
		}
		r.Online()
		if !ok {
			return
		}
		r.Quiescent()
	}
}
