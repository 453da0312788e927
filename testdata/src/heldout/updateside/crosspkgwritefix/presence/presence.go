// Package presence models a user's presence record.
package presence

import "time"

type Record struct {
	User    string
	Status  string
	Devices []string
}

// Online reports whether lastSeen is within d of now.
func Online(lastSeen, now time.Time, d time.Duration) bool {
	return now.Sub(lastSeen) < d
}
