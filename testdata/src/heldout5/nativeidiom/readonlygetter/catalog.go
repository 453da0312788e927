// Case: readonlygetter
// Source: idiom: a getter hands out the published snapshot and every caller only reads it (etcd PR #6896 discussion: return shared slices only to readers)
// Kind: idiom
package readonlygetter

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
)

type Instance struct {
	ID   string
	Addr string
	Tags []string
}

type Catalog struct {
	services atomic.Pointer[map[string][]Instance]
}

// Instances returns the published list for a service. Callers must not modify it.
func (c *Catalog) Instances(service string) []Instance {
	m := c.services.Load()
	if m == nil {
		return nil
	}
	return (*m)[service]
}

func (c *Catalog) Publish(m map[string][]Instance) { c.services.Store(&m) }

// Describe renders the instances for the debug page.
func (c *Catalog) Describe(service string) string {
	insts := c.Instances(service)
	ids := make([]string, 0, len(insts))
	for _, in := range insts {
		ids = append(ids, fmt.Sprintf("%s@%s[%s]", in.ID, in.Addr, strings.Join(in.Tags, ",")))
	}
	sort.Strings(ids)
	return strings.Join(ids, " ")
}

// HasTag reports whether any instance carries tag.
func (c *Catalog) HasTag(service, tag string) bool {
	for _, in := range c.Instances(service) {
		for _, t := range in.Tags {
			if t == tag {
				return true
			}
		}
	}
	return false
}
