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

func okRetryLaterWithCopy(send func(string, int)) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	name, port := c.name, c.port
	rcuapi.ReadUnlock(s)
	time.AfterFunc(time.Second, func() { send(name, port) })
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

// okCopyWithFreshSlice captures a copy whose slice was replaced by a
// clone: it shares nothing with the protected object.
func okCopyWithFreshSlice(send func(config)) {
	s := rcuapi.ReadLock()
	c := *cfg.Dereference(s)
	c.peers = append([]string(nil), c.peers...)
	go func() { send(c) }()
	time.AfterFunc(time.Second, func() { send(c) })
	rcuapi.ReadUnlock(s)
}

// copyWithSharedSlice captures a copy that still shares the protected
// slice.
func copyWithSharedSlice(send func(config)) {
	s := rcuapi.ReadLock()
	c := *cfg.Dereference(s)
	go func() { send(c) }() // want `RCU1002: a pointer obtained under the section begun by ReadLock at later\.go:\d+ is captured by a goroutine`
	rcuapi.ReadUnlock(s)
}
