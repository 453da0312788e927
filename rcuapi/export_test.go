package rcuapi

// Test hooks into the package's internals.

// BatchesInFlight returns how many callback batches of d have not finished.
func BatchesInFlight(d *SRCU) int {
	dom := d.dom()
	dom.cb.mu.Lock()
	defer dom.cb.mu.Unlock()
	return len(dom.cb.inflight)
}

// PackageOf exposes packageOf.
var PackageOf = packageOf
