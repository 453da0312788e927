// Package noexitnoposts builds a module with no Exit, but queues no
// callbacks: there is nothing to wait for.
package noexitnoposts

import "github.com/rcuvet/rcuvet/rcuapi"

var started int

var Module = &rcuapi.Module{Name: "noexitnoposts", Init: func() error { started++; return nil }}
