package bad

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct{ conn *net.TCPConn }

var goodbye = []byte("bye\n")

// retireSession says goodbye on the callback goroutine: network I/O that
// may block every callback queued behind it.
func retireSession(old *session) {
	rcuapi.Call(func() {
		old.conn.Write(goodbye) // want RCU3001
		old.conn.Close()
	})
}
