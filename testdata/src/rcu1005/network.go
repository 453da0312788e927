package rcu1005

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Writing a response or to a connection inside a classic section waits for
// the peer, even through an interface: copy what you need, then write
// after ReadUnlock. Writing to a buffer does not block.

type page struct{ title, body string }

var pages rcuapi.Pointer[page]

func servePageInSection(w http.ResponseWriter, r *http.Request) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := pages.Dereference(s)
	fmt.Fprintf(w, "<h1>%s</h1>%s", p.title, p.body) // want `RCU1005: calls fmt\.Fprintf on an http\.ResponseWriter \(network I/O\) inside the section begun by ReadLock`
}

func writeInSection(w http.ResponseWriter) {
	s := rcuapi.ReadLock()
	w.Write([]byte(pages.Dereference(s).body)) // want `RCU1005: calls Write on an http\.ResponseWriter \(network I/O\) inside the section`
	rcuapi.ReadUnlock(s)
}

func copyBodyInSection(conn net.Conn, r *http.Request) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if pages.Dereference(s) != nil {
		io.Copy(conn, r.Body) // want `RCU1005: calls io\.Copy on a net\.Conn \(network I/O\) inside the section`
	}
}

func writePage(w io.Writer, p *page) {
	fmt.Fprintf(w, "<h1>%s</h1>", p.title)
}

func helperWritesInSection(w http.ResponseWriter) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	writeResponse(w, pages.Dereference(s)) // want `RCU1005: calls writeResponse, which calls fmt\.Fprintf on an http\.ResponseWriter \(network I/O\) inside the section`
}

func writeResponse(w http.ResponseWriter, p *page) {
	fmt.Fprintf(w, "<h1>%s</h1>", p.title)
}

func okServePageAfterSection(w http.ResponseWriter) {
	s := rcuapi.ReadLock()
	p := *pages.Dereference(s)
	rcuapi.ReadUnlock(s)
	fmt.Fprintf(w, "<h1>%s</h1>%s", p.title, p.body)
}

func okBufferInSection() string {
	var b bytes.Buffer
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	writePage(&b, pages.Dereference(s))
	fmt.Fprintf(&b, "%s", pages.Dereference(s).body)
	return b.String()
}

// An encoder over the response writes to the network.
func encodeInSection(w http.ResponseWriter) {
	s := rcuapi.ReadLock()
	err := json.NewEncoder(w).Encode(pages.Dereference(s).title) // want `RCU1005: calls Encode on a json\.Encoder over an http\.ResponseWriter \(network I/O\) inside the section`
	rcuapi.ReadUnlock(s)
	_ = err
}

// An encoder over a buffer does not.
func okEncodeToBufferInSection() []byte {
	var buf bytes.Buffer
	s := rcuapi.ReadLock()
	_ = json.NewEncoder(&buf).Encode(pages.Dereference(s).title)
	rcuapi.ReadUnlock(s)
	return buf.Bytes()
}
