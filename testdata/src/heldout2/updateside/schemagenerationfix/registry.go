// Case: schema registry stamps the new schema's generation from the current one before it publishes it
// Source: Documentation/RCU/checklist.rst item 4 (every field must be set before rcu_assign_pointer()/rcu_replace_pointer()); kernel fixes that move initialisation above the publishing store
// Kind: fixed
// Pair: schemageneration

package schemagenerationfix

import (
	"errors"
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Field struct {
	Name     string
	Type     string
	Required bool
}

// Schema is one published version of a record schema.
type Schema struct {
	Generation uint64
	Fields     []Field
}

func (s *Schema) validate() error {
	seen := make(map[string]bool, len(s.Fields))
	for _, f := range s.Fields {
		if f.Name == "" || seen[f.Name] {
			return fmt.Errorf("schema: bad or duplicate field %q", f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

type Registry struct {
	mu      sync.Mutex
	cur     rcuapi.Pointer[Schema]
	history []uint64 // generations replaced, guarded by mu
}

func NewRegistry(initial *Schema) *Registry {
	r := &Registry{}
	r.cur.Init(initial)
	return r
}

// Apply validates next and makes it the current schema.
func (r *Registry) Apply(next *Schema) error {
	if next == nil {
		return errors.New("schema: nil")
	}
	if err := next.validate(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	next.Generation = r.cur.Protected(&r.mu).Generation + 1
	old := r.cur.Replace(next, &r.mu)
	r.history = append(r.history, old.Generation)
	return nil
}

// Generation returns the generation readers currently see.
func (r *Registry) Generation() uint64 {
	s := rcuapi.ReadLock()
	g := r.cur.Dereference(s).Generation
	rcuapi.ReadUnlock(s)
	return g
}
