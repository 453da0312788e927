//go:build !race && !rcuapi_nomemb

package rcuapi

import (
	"os"
	"syscall"
)

// The memb read path is built on linux/amd64 without the race detector
// (see memb.go). Other platforms use memb_off.go; adding one needs its
// membarrier system call number and a run of the memb torture test on it.

const (
	sysMembarrier = 324 // SYS_membarrier on linux/amd64

	membarrierCmdPrivateExpedited         = 1 << 3
	membarrierCmdRegisterPrivateExpedited = 1 << 4
)

// membBuild says that this build has the memb path: ReadLock and
// ReadUnlock call classicLockMemb and the others (memb.go), which take it
// if membOn.
const membBuild = true

// membOn says that readers take the memb path: this process registered
// for private expedited membarrier at init. Set once, before any reader.
var membOn = registerMembarrier()

// registerMembarrier registers the process for
// MEMBARRIER_CMD_PRIVATE_EXPEDITED (Linux 4.14 and later). It reports false
// on a kernel without it, where a seccomp filter refuses it, or when the
// environment has RCUAPI_MEMB=0 (for comparing the two paths in one build).
func registerMembarrier() bool {
	if os.Getenv("RCUAPI_MEMB") == "0" {
		return false
	}
	_, _, errno := syscall.Syscall(sysMembarrier, membarrierCmdRegisterPrivateExpedited, 0, 0)
	return errno == 0
}

// membarrier makes every running thread of the process execute a full
// memory barrier before it returns (see memb.go for what the update side
// relies on). After a successful registration it does not fail; if it did,
// no grace period could be trusted, so it panics.
func membarrier() {
	if _, _, errno := syscall.Syscall(sysMembarrier, membarrierCmdPrivateExpedited, 0, 0); errno != 0 {
		panic("rcuapi: membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) failed after registration: " + errno.Error())
	}
}
