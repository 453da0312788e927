// Case: template-rendering module keeps compiled templates and partials on two SRCU domains and retires both with Call, but its Exit drains only the templates' domain
// Source: Documentation/RCU/rcubarrier.rst (one barrier for every flavour and domain the module posted callbacks on); lkml thread "Forbid static SRCU use in modules" (April 2019)
// Kind: bad
// Pair: modexit/seconddomainfix

package seconddomain

import (
	"sync"
	"sync/atomic"
	"text/template"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type renderer struct {
	mu        sync.Mutex
	tplDom    rcuapi.SRCU
	partDom   rcuapi.SRCU
	templates rcuapi.Pointer[template.Template]
	partials  rcuapi.Pointer[map[string]string]
	stopped   bool
}

var (
	r                renderer
	retiredTemplates atomic.Int64 // reported on the metrics page
)

func (r *renderer) setTemplate(t *template.Template) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	old := r.templates.Replace(t, &r.mu)
	if old != nil {
		r.tplDom.Call(func() { retiredTemplates.Add(1) })
	}
}

func (r *renderer) setPartials(p map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	old := r.partials.Replace(&p, &r.mu)
	if old != nil {
		r.partDom.Call(func() { clear(*old) })
	}
}

func (r *renderer) exit() { // expect RCU6001
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
	r.tplDom.Barrier()
}

var Module = &rcuapi.Module{
	Name: "templates",
	Init: func() error { return nil },
	Exit: r.exit,
}

func Reload(t *template.Template, partials map[string]string) {
	r.setTemplate(t)
	r.setPartials(partials)
}
