// Case: controller updates a published object through a generated-style DeepCopy, then writes freely into the nested maps and slices of the deep copy, under the controller's lock
// Source: idiom: Kubernetes' generated DeepCopy before mutating a shared (informer-cache) object; Documentation/RCU/checklist.rst item 3
// Kind: idiom

package deepcopyobject

import (
	"sync"
	"sync/atomic"
)

type Spec struct {
	Replicas int
	Labels   map[string]string
	Ports    []int
}

// DeepCopy returns a copy that shares no memory with s.
func (s *Spec) DeepCopy() *Spec {
	out := &Spec{Replicas: s.Replicas, Ports: append([]int(nil), s.Ports...)}
	if s.Labels != nil {
		out.Labels = make(map[string]string, len(s.Labels))
		for k, v := range s.Labels {
			out.Labels[k] = v
		}
	}
	return out
}

type Controller struct {
	mu   sync.Mutex
	spec atomic.Pointer[Spec]
}

func (c *Controller) Scale(replicas int, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	next := c.spec.Load().DeepCopy()
	next.Replicas = replicas
	if next.Labels == nil {
		next.Labels = map[string]string{}
	}
	next.Labels["scaled-by"] = reason
	next.Ports = append(next.Ports, 9090)
	c.spec.Store(next)
}

func (c *Controller) Replicas() int { return c.spec.Load().Replicas }
