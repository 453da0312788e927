//go:build !linux || !amd64 || race || rcuapi_nomemb

package rcuapi

// Without the memb read path (see memb.go): readers always take the atomic
// path, and the compiler drops the memb code, so that ReadLock and
// ReadUnlock inline as before.

const (
	membBuild = false
	membOn    = false
)

func membarrier() {}
