package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type limits struct{ max int }

var quota rcuapi.Pointer[limits]

// Max dereferences what Access returned, which no section protects.
func Max() int {
	if l := quota.Access(); l != nil {
		return l.max // want RCU1007
	}
	return 100
}
