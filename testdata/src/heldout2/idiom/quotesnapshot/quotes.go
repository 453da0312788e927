// Case: market-data reader copies a whole quote struct (numbers, a string and a time.Time) out of the section and returns the copy on several early-return paths
// Source: idiom: "copy out what you need" (rcuapi package docs; whatisRCU.rst) with a plain struct copy, the cheapest copy Go offers
// Kind: idiom

package quotesnapshot

import (
	"errors"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	ErrUnknown = errors.New("quotes: unknown symbol")
	ErrStale   = errors.New("quotes: stale quote")
	ErrHalted  = errors.New("quotes: trading halted")
)

// Quote holds only values: copying it copies everything.
type Quote struct {
	Symbol   string
	Bid, Ask float64
	Size     int64
	At       time.Time
	Halted   bool
}

type book struct {
	seq    uint64
	quotes map[string]Quote
	byID   map[uint32]*Quote
}

type Feed struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[book]
}

// Latest returns the latest quote for a symbol, if it is fresh.
func (f *Feed) Latest(symbol string, maxAge time.Duration, now time.Time) (Quote, error) {
	s := rcuapi.ReadLock()
	b := f.cur.Dereference(s)
	if b == nil {
		rcuapi.ReadUnlock(s)
		return Quote{}, ErrUnknown
	}
	q, ok := b.quotes[symbol]
	rcuapi.ReadUnlock(s)
	switch {
	case !ok:
		return Quote{}, ErrUnknown
	case q.Halted:
		return q, ErrHalted
	case now.Sub(q.At) > maxAge:
		return q, ErrStale
	}
	return q, nil
}

// ByID returns the quote of an instrument id; the map holds pointers, so
// the quote is copied by dereferencing inside the section.
func (f *Feed) ByID(id uint32) (Quote, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p, ok := f.cur.Dereference(s).byID[id]
	if !ok {
		return Quote{}, false
	}
	return *p, true
}

// Publish installs a new book; books are only memory.
func (f *Feed) Publish(b *book) {
	f.mu.Lock()
	f.cur.Replace(b, &f.mu)
	f.mu.Unlock()
}
