// Case: the IRQ routing table is read under the VM's SRCU domain, but the updater waits for a classic grace period before closing the old routes' eventfds
// Source: KVM irq routing is read under kvm->irq_srcu and retired after synchronize_srcu(), see Linux commit 56f89f3629ff "KVM: Don't keep reference to irq routing table in irqfd struct" (https://876670.xyz/kernel/tegra/+/56f89f3629ffd1a21d38c3d0bea23deac0e284ce); checklist item 7
// Kind: bad
// Pair: kvmirqroutingsrcufix

package kvmirqroutingsrcu

import (
	"errors"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Route delivers one guest interrupt line through an eventfd.
type Route struct {
	GSI uint32
	fd  *os.File
}

// RoutingTable maps interrupt lines to routes.
type RoutingTable struct {
	byGSI map[uint32]*Route
}

// Close closes the eventfds of every route in t.
func (t *RoutingTable) Close() {
	for _, r := range t.byGSI {
		r.fd.Close()
	}
}

// VM is a virtual machine; injecting an interrupt may block on the eventfd.
type VM struct {
	irqSrcu rcuapi.SRCU
	lock    sync.Mutex
	routing rcuapi.Pointer[RoutingTable]
}

var errNoRoute = errors.New("no route for gsi")

// SetIRQ raises interrupt line gsi.
func (vm *VM) SetIRQ(gsi uint32) error {
	idx := vm.irqSrcu.ReadLock()
	defer vm.irqSrcu.ReadUnlock(idx)
	r := vm.routing.Dereference(idx).byGSI[gsi]
	if r == nil {
		return errNoRoute
	}
	_, err := r.fd.Write([]byte{1, 0, 0, 0, 0, 0, 0, 0})
	return err
}

// SetRouting installs a new routing table and closes the old one.
func (vm *VM) SetRouting(next *RoutingTable) {
	vm.lock.Lock()
	old := vm.routing.Replace(next, &vm.lock)
	vm.lock.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize() // expect RCU5001
	old.Close()
}
