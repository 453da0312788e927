// Case: auditgoroutine
// Source: Documentation/RCU/whatisRCU.rst (a protected pointer captured by a goroutine that outlives the section); vault audit-broker fan-out
// Kind: bad
// Pair: -
package auditgoroutine

import (
	"log"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Policy struct {
	Name   string
	Rules  []string
	Backup string
}

type Authorizer struct {
	policy rcuapi.Pointer[Policy]
	sink   func(user, policy string, rules int)
}

func (a *Authorizer) Allow(user, action string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := a.policy.Dereference(s)
	allowed := false
	for _, r := range p.Rules {
		if r == action {
			allowed = true
			break
		}
	}
	go func() { // expect RCU1002
		a.sink(user, p.Name, len(p.Rules))
		log.Printf("audit %s %s by %s", action, p.Name, user)
	}()
	return allowed
}
