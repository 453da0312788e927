// Case: the controller deep-copies the cached pod before labelling it
// Source: idiom: k8s.io/client-go@v0.37.2 listers (read-only objects) with the generated DeepCopy every controller calls before a mutation
// Kind: fixed
// Pair: vlisterbad

package vlisterfixed

import "fixtures/corpus/native/vlisterfixed/lister"

// markSeen is a controller's sync step; update sends the object to the API server.
func markSeen(l *lister.PodLister, name string, update func(*lister.Pod)) {
	cached, ok := l.Get(name)
	if !ok {
		return
	}
	pod := cached.DeepCopy()
	pod.Labels["seen"] = "true"
	update(pod)
}
