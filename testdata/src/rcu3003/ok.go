package rcu3003

import "github.com/rcuvet/rcuvet/rcuapi"

// okReleaseFirst releases the lock before it waits.
func (t *table) okReleaseFirst(c *config) {
	t.stat.Lock()
	t.cur.Assign(c)
	t.stat.Unlock()
	rcuapi.Synchronize()
}

// okOtherDomain holds gmu, which only dom's readers take, while it waits for
// classic RCU.
func okOtherDomain() {
	gmu.Lock()
	rcuapi.Synchronize()
	gmu.Unlock()
}

// okSyncHoldingCallbackLock holds a lock callbacks take while it waits for a
// grace period: Synchronize does not wait for callbacks.
func (t *table) okSyncHoldingCallbackLock() {
	t.mu.Lock()
	rcuapi.Synchronize()
	t.mu.Unlock()
}

// okBarrierUnlocked waits for callbacks with no lock held.
func (t *table) okBarrierUnlocked() {
	rcuapi.Barrier()
}

// okReadLockHeld holds t.log for reading; readers take it for reading too.
func (t *table) okReadLockHeld() {
	t.log.RLock()
	rcuapi.Synchronize()
	t.log.RUnlock()
}
