// Case: mapswapretire
// Source: idiom: rcuapi.Map values swapped out and closed from a Call callback after a grace period (call_rcu() retire, Documentation/RCU/whatisRCU.rst)
// Kind: idiom
package mapswapretire

import (
	"io"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Stream struct {
	ID     string
	Writer io.WriteCloser
}

type Hub struct {
	streams rcuapi.Map[string, *Stream]
}

// Publish writes msg to the subscriber's current stream.
func (h *Hub) Publish(id string, msg []byte) error {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	st, ok := h.streams.Load(s, id)
	if !ok {
		return io.ErrClosedPipe
	}
	_, err := st.Writer.Write(msg)
	return err
}

// Reconnect replaces a subscriber's stream; the old one closes after its writers finish.
func (h *Hub) Reconnect(id string, w io.WriteCloser) {
	old, ok := h.streams.Swap(id, &Stream{ID: id, Writer: w})
	if !ok {
		return
	}
	go func() {
		rcuapi.Synchronize()
		old.Writer.Close()
	}()
}
