package bad

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type backend struct{ conn net.Conn }

var (
	backends rcuapi.SRCU
	primary  rcuapi.Pointer[backend]
)

// Send uses a protected pointer after its section has ended.
func Send(msg []byte) error {
	s := backends.ReadLock()
	b := primary.Dereference(s)
	backends.ReadUnlock(s)
	_, err := b.conn.Write(msg) // want RCU1002
	return err
}
