// Package presence models a user's presence record.
package presence

import "time"

type Record struct {
	User     string
	Status   string
	Devices  []string
	LastSeen time.Time
	Seen     int
}

// Touch marks the record as seen now.
func (r *Record) Touch(now time.Time) {
	r.LastSeen = now
	r.Seen++
}

// Online reports whether the user was seen within d.
func (r *Record) Online(now time.Time, d time.Duration) bool {
	return now.Sub(r.LastSeen) < d
}
