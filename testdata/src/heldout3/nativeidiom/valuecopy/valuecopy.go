// Case: HTTP client settings hold only value fields (durations, ints, strings, an array); writers under a mutex copy the struct, change the copy, and store it
// Source: idiom: a plain struct copy is a deep copy when the struct holds no pointers, slices or maps (Documentation/RCU/checklist.rst item 3)
// Kind: idiom

package valuecopy

import (
	"sync"
	"sync/atomic"
	"time"
)

type Settings struct {
	Timeout     time.Duration
	MaxIdle     int
	UserAgent   string
	RetryDelays [4]time.Duration
}

type Client struct {
	mu       sync.Mutex
	settings atomic.Pointer[Settings]
}

func NewClient() *Client {
	c := &Client{}
	c.settings.Store(&Settings{Timeout: 5 * time.Second, MaxIdle: 16, UserAgent: "svc/1"})
	return c
}

func (c *Client) SetTimeout(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := *c.settings.Load()
	s.Timeout = d
	c.settings.Store(&s)
}

func (c *Client) BackOff(factor time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := *c.settings.Load()
	for i := range s.RetryDelays {
		s.RetryDelays[i] = time.Duration(i+1) * factor
	}
	c.settings.Store(&s)
}

// Delay is read by every retrying request; the array is copied with the struct.
func (c *Client) Delay(attempt int) time.Duration {
	d := c.settings.Load().RetryDelays
	if attempt >= len(d) {
		return d[len(d)-1]
	}
	return d[attempt]
}
