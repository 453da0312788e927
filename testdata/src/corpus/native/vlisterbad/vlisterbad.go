// Case: a controller labels the pod it got from the informer cache's lister, writing the object every other reader of the cache shares
// Source: idiom: k8s.io/client-go@v0.37.2 listers/core/v1/pod.go ("Objects returned here must be treated as read-only") and tools/cache/thread_safe_store.go; the getter is marked //rcu:snapshot
// Kind: bad
// Pair: vlisterfixed

package vlisterbad

import "fixtures/corpus/native/vlisterbad/lister"

// markSeen is a controller's sync step; update sends the object to the API server.
func markSeen(l *lister.PodLister, name string, update func(*lister.Pod)) {
	pod, ok := l.Get(name)
	if !ok {
		return
	}
	pod.Labels["seen"] = "true" // expect RCU7002
	update(pod)
}
