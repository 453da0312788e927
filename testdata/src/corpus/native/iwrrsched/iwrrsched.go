// Case: a single ticker goroutine stores a freshly built scheduler through unsafe.Pointer; pickers load it and call a method that only bumps an atomic counter
// Source: idiom: google.golang.org/grpc@v1.85.0 balancer/weightedroundrobin/balancer.go picker.regenerateScheduler, picker.start and picker.Pick; scheduler.go rrScheduler.nextIndex
// Kind: idiom
// Pair: none

package iwrrsched

import (
	"sync/atomic"
	"time"
	"unsafe"
)

type scheduler interface {
	nextIndex() int
}

type rrScheduler struct {
	numSCs uint32
	inc    func() uint32
}

func (s *rrScheduler) nextIndex() int {
	idx := s.inc()
	return int(idx % s.numSCs)
}

type picker struct {
	scheduler unsafe.Pointer // *scheduler, accessed atomically
	idx       atomic.Uint32
	weights   []float64
}

func (p *picker) newScheduler() scheduler {
	return &rrScheduler{numSCs: uint32(len(p.weights)), inc: func() uint32 { return p.idx.Add(1) }}
}

func (p *picker) regenerateScheduler() {
	s := p.newScheduler()
	atomic.StorePointer(&p.scheduler, unsafe.Pointer(&s))
}

// start installs the first scheduler and then refreshes it from one goroutine.
func (p *picker) start(stop <-chan struct{}, period time.Duration) {
	p.regenerateScheduler()
	go func() {
		ticker := time.NewTicker(period)
		defer ticker.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ticker.C:
				p.regenerateScheduler()
			}
		}
	}()
}

// Pick is the read side, once per RPC.
func (p *picker) Pick() int {
	sched := *(*scheduler)(atomic.LoadPointer(&p.scheduler))
	return sched.nextIndex()
}
