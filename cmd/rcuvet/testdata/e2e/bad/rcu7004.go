package bad

import (
	"os"
	"sync/atomic"
)

// logFile is the open log; writers load it and write to it.
var logFile atomic.Pointer[os.File]

// Log is the read side.
func Log(msg string) { logFile.Load().WriteString(msg) }

// RotateLog swaps in a new file and closes the old one at once, while a
// writer that loaded it a moment before may still be writing.
func RotateLog(next *os.File) {
	old := logFile.Swap(next)
	old.Close() // want RCU7004
}

// lastFailure holds an error; its concrete type changes with every Store.
var lastFailure atomic.Value

// Fail records err.
func Fail(err error) {
	lastFailure.Store(err) // want RCU7005
}
