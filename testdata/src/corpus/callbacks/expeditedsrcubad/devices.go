// Case: device registry on an SRCU domain removes a hot-unplugged bus device by device, with an expedited SRCU grace period for each
// Source: Linux synchronize_srcu_expedited()/synchronize_rcu_expedited() kernel-doc (do not call in a loop; batch, then wait once); http://ftechworks.mydns.jp/source/raw/linux-4.1.27/Documentation/DocBook/device-drivers/API-synchronize-sched-expedited.html
// Kind: bad
// Pair: expeditedsrcufixed

package expeditedsrcubad

import (
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type device struct {
	bus  int
	slot int
	regs io.ReadWriteCloser
}

var (
	dom     = rcuapi.NewSRCU("devices") // readers do register I/O and may block
	mu      sync.Mutex
	devices rcuapi.Map[int, *device] // keyed by bus<<8 | slot
)

// ReadReg reads from the registers of the device at key.
func ReadReg(key int, p []byte) (int, error) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	d, ok := devices.Load(s, key)
	if !ok {
		return 0, io.ErrClosedPipe
	}
	return d.regs.Read(p)
}

// Plug registers a device.
func Plug(bus, slot int, regs io.ReadWriteCloser) {
	mu.Lock()
	devices.Store(bus<<8|slot, &device{bus: bus, slot: slot, regs: regs})
	mu.Unlock()
}

// UnplugBus removes every device of bus and closes its registers once no
// reader can be using them.
func UnplugBus(bus int, slots []int) {
	for _, slot := range slots {
		mu.Lock()
		d, ok := devices.Delete(bus<<8 | slot)
		mu.Unlock()
		if !ok {
			continue
		}
		dom.SynchronizeExpedited() // expect RCU4001
		d.regs.Close()
	}
}
