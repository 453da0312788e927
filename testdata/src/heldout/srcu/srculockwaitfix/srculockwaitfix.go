// Case: VM memory-slot update publishes under the VM lock, releases it, then waits for the SRCU grace period
// Source: KVM locking rules: vCPUs take kvm->lock inside kvm->srcu read sections, so synchronize_srcu(&kvm->srcu) must never run under kvm->lock; documented after the Xen emulation broke it ("Documentation: kvm: clarify SRCU locking order", https://patchwork.plctlab.org/project/linux-kernel/patch/20221228110410.1682852-2-pbonzini@redhat.com)
// Kind: fixed
// Pair: srculockwait

package srculockwaitfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type slot struct {
	base, npages uint64
	backing      []byte
}

type memslots struct {
	gen   uint64
	slots []slot
}

type VM struct {
	lock     sync.Mutex // VM-wide state: interrupt routing, vCPU list
	srcu     rcuapi.SRCU
	slots    rcuapi.Pointer[memslots]
	irqRoute map[uint32]int
}

// HandleExit runs on a vCPU goroutine for every guest exit.
func (vm *VM) HandleExit(gpa uint64, irq uint32) (byte, int) {
	s := vm.srcu.ReadLock()
	defer vm.srcu.ReadUnlock(s)
	var b byte
	for _, sl := range vm.slots.Dereference(s).slots {
		if gpa >= sl.base && gpa < sl.base+sl.npages*4096 {
			b = sl.backing[gpa-sl.base]
		}
	}
	vm.lock.Lock()
	vcpu := vm.irqRoute[irq]
	vm.lock.Unlock()
	return b, vcpu
}

// SetSlots installs a new memory map and zeroes the backing of removed slots.
func (vm *VM) SetSlots(next *memslots) {
	vm.lock.Lock()
	old := vm.slots.Replace(next, &vm.lock)
	vm.lock.Unlock()
	vm.srcu.Synchronize()
	if old != nil {
		for _, sl := range old.slots {
			clear(sl.backing)
		}
	}
}
