// Case: authorizer decides inside a deferred-unlock section with a switch of early returns, all of which return booleans and copied strings
// Source: idiom: defer rcuapi.ReadUnlock right after ReadLock, as Go code does with mutexes (defer mu.Unlock()), so that every return path ends the section
// Kind: idiom

package authzswitch

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Role struct {
	Name    string
	Actions map[string]bool // "read", "write", "admin"
	Paths   []string        // path prefixes
}

type policy struct {
	roles     map[string]*Role
	userRoles map[string][]string
	suspended map[string]string // user -> reason
}

type Authorizer struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[policy]
}

// Allow reports whether user may perform action on path, and why not.
func (a *Authorizer) Allow(user, action, path string) (ok bool, reason string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := a.cur.Dereference(s)
	switch {
	case p == nil:
		return false, "no policy loaded"
	case user == "":
		return false, "anonymous"
	}
	if why, bad := p.suspended[user]; bad {
		return false, "suspended: " + why
	}
	for _, rn := range p.userRoles[user] {
		r, found := p.roles[rn]
		if !found {
			continue
		}
		if r.Actions["admin"] {
			return true, ""
		}
		if !r.Actions[action] {
			continue
		}
		for _, prefix := range r.Paths {
			if strings.HasPrefix(path, prefix) {
				return true, ""
			}
		}
	}
	return false, "no role grants " + action
}

// Load publishes a new policy; policies are only memory.
func (a *Authorizer) Load(p *policy) {
	a.mu.Lock()
	a.cur.Replace(p, &a.mu)
	a.mu.Unlock()
}
