package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type scratchBuf struct{ b []byte }

var (
	scratch    rcuapi.SRCU
	curScratch rcuapi.Pointer[scratchBuf]
)

// CloseScratch ends the domain, then waits for its readers.
func CloseScratch() error {
	err := scratch.Cleanup()
	curScratch.Assign(nil)
	scratch.Synchronize() // want RCU6005
	return err
}
