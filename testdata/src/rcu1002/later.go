package rcu1002

import (
	"bytes"
	"io"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A function that a timer runs later runs after the section: what it
// captures escapes, as for a goroutine. A reader over a protected slice
// keeps the slice.

type blobData struct{ data []byte }

var blob rcuapi.Pointer[blobData]

func retryLater(send func(*config)) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	time.AfterFunc(time.Second, func() { send(c) }) // want `RCU1002: a pointer obtained under the section begun by ReadLock at later\.go:\d+ is captured by a function that time\.AfterFunc runs later`
	rcuapi.ReadUnlock(s)
}

func okRetryLaterWithCopy(send func(config)) {
	s := rcuapi.ReadLock()
	c := *cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	time.AfterFunc(time.Second, func() { send(c) })
}

func openBlob() io.Reader {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return bytes.NewReader(blob.Dereference(s).data) // want `RCU1002: a pointer obtained under the section begun by ReadLock at later\.go:\d+ is returned, but the section ends in a deferred ReadUnlock`
}

func okOpenBlobCopy() io.Reader {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return bytes.NewReader(bytes.Clone(blob.Dereference(s).data))
}
