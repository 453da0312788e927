// Case: an atomic.Pointer used as a one-shot flag with a payload: stored once with the address of a local, only tested for nil and read
// Source: idiom: github.com/caddyserver/caddy/v2@v2.11.9 modules/caddyhttp/server.go Server.shutdownAt, set in modules/caddyhttp/app.go App.Stop and read in modules/caddyhttp/replacer.go (http.shutting_down, http.time_until_shutdown)
// Kind: idiom
// Pair: none

package icaddyflag

import (
	"sync/atomic"
	"time"
)

// Server is one HTTP server.
type Server struct {
	shutdownAt atomic.Pointer[time.Time]
}

// scheduleShutdown marks the server as shutting down after delay.
func (s *Server) scheduleShutdown(delay time.Duration) {
	scheduledTime := time.Now().Add(delay)
	s.shutdownAt.Store(&scheduledTime)
}

// placeholders is the read side, per request.
func (s *Server) placeholders() (shuttingDown bool, untilShutdown time.Duration) {
	t := s.shutdownAt.Load()
	if t == nil {
		return false, 0
	}
	return true, time.Until(*t)
}
