package blocking

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// The network behind an interface. A call through an interface is not
// followed: its dynamic type is unknown, and most implementations of
// io.Writer (a bytes.Buffer, a strings.Builder, a hash) do not block. But
// the value's static type often says it is a network connection: a
// net.Conn, an http.ResponseWriter, the Body of an http.Request or of an
// http.Response. Writing to one, or reading from one, waits for the peer.
// So does handing one, as an io.Writer or io.Reader, to a standard
// function that writes or reads it (fmt.Fprintf(w, ...), io.Copy(w, r),
// http.Error(w, ...)): the most common blocking call in a Go server.

// IsNetwork reports whether t, the static type of a value, is a network
// connection or stream: an interface or type of package net (net.Conn,
// *net.TCPConn, ...), http.ResponseWriter, or the io.ReadCloser of a
// request's or response's Body (see NetworkBody).
func IsNetwork(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch n.Obj().Pkg().Path() {
	case "net":
		return strings.HasSuffix(n.Obj().Name(), "Conn")
	case "net/http":
		return n.Obj().Name() == "ResponseWriter"
	}
	return false
}

// NetworkBody reports whether a selection of field name on a value of
// type recv is the Body of an http.Request or http.Response.
func NetworkBody(recv types.Type, name string) bool {
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	n, ok := types.Unalias(recv).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "net/http" || name != "Body" {
		return false
	}
	return n.Obj().Name() == "Request" || n.Obj().Name() == "Response"
}

// networkMethods are the methods of a network value that wait for the
// peer (Close of a connection does not).
var networkMethods = map[string]bool{
	"Read": true, "Write": true, "WriteString": true, "ReadFrom": true, "WriteTo": true, "Flush": true,
}

// NetworkMethod reports whether a method called on a network value waits
// for the peer.
func NetworkMethod(name string) bool { return networkMethods[name] }

// streamArgs lists the standard functions that write to or read from
// their io.Writer or io.Reader arguments, with those arguments' indexes.
var streamArgs = map[string][]int{
	"fmt.Fprint":            {0},
	"fmt.Fprintf":           {0},
	"fmt.Fprintln":          {0},
	"io.Copy":               {0, 1},
	"io.CopyN":              {0, 1},
	"io.CopyBuffer":         {0, 1},
	"io.WriteString":        {0},
	"io.ReadAll":            {0},
	"io.ReadFull":           {0},
	"io.ReadAtLeast":        {0},
	"net/http.Error":        {0},
	"net/http.Redirect":     {0},
	"net/http.ServeContent": {0},
	"net/http.ServeFile":    {0},
	"net/http.NotFound":     {0},
}

// streamWrappers lists the standard constructors that wrap an io.Writer
// or io.Reader argument (its index) in an encoder, a decoder or a buffer:
// what the result writes or reads goes to, or comes from, the argument.
var streamWrappers = map[string]int{
	"encoding/json.NewEncoder": 0,
	"encoding/json.NewDecoder": 0,
	"encoding/xml.NewEncoder":  0,
	"encoding/xml.NewDecoder":  0,
	"encoding/gob.NewEncoder":  0,
	"encoding/gob.NewDecoder":  0,
	"encoding/csv.NewWriter":   0,
	"encoding/csv.NewReader":   0,
	"bufio.NewWriter":          0,
	"bufio.NewWriterSize":      0,
	"bufio.NewReader":          0,
	"bufio.NewReaderSize":      0,
	"bufio.NewScanner":         0,
	"compress/gzip.NewWriter":  0,
}

// wrapperMethods are the methods of such a wrapper that write or read
// through it (Flush too: it writes what was buffered).
var wrapperMethods = map[string]bool{
	"Encode": true, "Decode": true, "Write": true, "WriteString": true, "WriteAll": true, "Flush": true,
	"Read": true, "ReadString": true, "ReadBytes": true, "ReadLine": true, "Scan": true, "EncodeElement": true,
	"Token": true, "ReadAll": true, "Close": true,
}

// StreamWrapper returns the argument of a call of fn that the result
// wraps, if fn is a standard constructor of an encoder, decoder or buffer
// over an io.Writer or io.Reader.
func StreamWrapper(fn *types.Func) (int, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return 0, false
	}
	i, ok := streamWrappers[fn.Pkg().Path()+"."+fn.Name()]
	return i, ok
}

// WrapperMethod reports whether a method of such a wrapper writes or
// reads through it.
func WrapperMethod(name string) bool { return wrapperMethods[name] }

// StreamArgs returns the arguments of a call of fn that it writes to or
// reads from, if fn is a standard function that does so.
func StreamArgs(fn *types.Func) []int {
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return nil
	}
	return streamArgs[fn.Pkg().Path()+"."+fn.Name()]
}

// networkCall returns why call, in syntax, waits for the network through
// an interface, or "": a method of a network value, or a standard function
// handed one.
func networkCall(info *types.Info, call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal && types.IsInterface(s.Recv()) && NetworkMethod(sel.Sel.Name) && !inNet(s.Obj()) {
			if what := networkExpr(info, sel.X); what != "" {
				return "calls " + sel.Sel.Name + " on " + what
			}
		}
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	for _, i := range StreamArgs(fn) {
		if i < len(call.Args) {
			if what := networkExpr(info, call.Args[i]); what != "" {
				return "calls " + fn.Pkg().Name() + "." + fn.Name() + " on " + what
			}
		}
	}
	return ""
}

// networkExpr names what e is if it is a network connection or stream, or
// returns "".
func networkExpr(info *types.Info, e ast.Expr) string {
	e = ast.Unparen(e)
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if t := info.TypeOf(sel.X); t != nil && NetworkBody(t, sel.Sel.Name) {
			return "an HTTP body (network I/O)"
		}
	}
	if t := info.TypeOf(e); t != nil && IsNetwork(t) {
		return Article(types.TypeString(t, func(p *types.Package) string { return p.Name() })) + " (network I/O)"
	}
	return ""
}

// Article puts "a" or "an" before name, as it is read aloud: an
// http.ResponseWriter, a net.Conn, an *os.File.
func Article(name string) string {
	bare := strings.TrimLeft(name, "*[]")
	if strings.HasPrefix(bare, "http") || strings.ContainsAny(bare[:min(1, len(bare))], "aeiouAEIOU") {
		return "an " + name
	}
	return "a " + name
}

// inNet reports whether obj belongs to package net, whose blocking
// methods are known by name (see known).
func inNet(obj types.Object) bool { return obj.Pkg() != nil && obj.Pkg().Path() == "net" }
