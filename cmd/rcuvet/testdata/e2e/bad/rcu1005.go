package bad

import "github.com/rcuvet/rcuvet/rcuapi"

var listeners rcuapi.List[chan string]

// Notify sends to every listener inside a classic section, and waits while
// a listener is busy.
func Notify(event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		e.Value <- event // want RCU1005
	}
}
