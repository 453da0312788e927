package bad

import "sync/atomic"

// Limits is a snapshot published without rcuapi, in an atomic.Pointer.
type Limits struct {
	Rate  int
	Burst int
	Tags  []string
}

var rateLimits atomic.Pointer[Limits]

func init() { rateLimits.Store(&Limits{Rate: 10, Burst: 20}) }

// SetRate loads, copies, changes and stores, with no lock: two calls at
// once lose one change.
func SetRate(r int) {
	l := *rateLimits.Load()
	l.Rate = r
	rateLimits.Store(&l) // want RCU7001
}

// SortTags sorts the published slice in place, under readers' feet.
func SortTags() {
	tags := rateLimits.Load().Tags
	tags[0], tags[len(tags)-1] = tags[len(tags)-1], tags[0] // want RCU7002
}

// PublishLimits stores l, then keeps changing it.
func PublishLimits(l *Limits) {
	rateLimits.Store(l)
	l.Burst = 2 * l.Rate // want RCU7003
}

// Rate is the read side.
func Rate() int { return rateLimits.Load().Rate }
