// Package lister serves objects from an informer's cache (part of case vlisterfixed).
package lister

import "sync"

// Pod is a cached object.
type Pod struct {
	Name   string
	Labels map[string]string
}

// DeepCopy returns a copy of p that shares nothing with it.
func (p *Pod) DeepCopy() *Pod {
	out := &Pod{Name: p.Name, Labels: make(map[string]string, len(p.Labels))}
	for k, v := range p.Labels {
		out.Labels[k] = v
	}
	return out
}

// PodLister lists pods from the shared cache.
type PodLister struct {
	mu    sync.RWMutex
	items map[string]*Pod
}

// Get returns the pod held in the cache itself, shared with every other
// reader; callers may look but not change it.
//
//rcu:snapshot
func (l *PodLister) Get(name string) (*Pod, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	p, ok := l.items[name]
	return p, ok
}
