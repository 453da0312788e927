// Case: one watcher goroutine re-reads a policy file and, when it changed, publishes a freshly built interceptor with atomic.StorePointer; RPCs load it with atomic.LoadPointer
// Source: idiom: google.golang.org/grpc@v1.85.0 authz/grpc_authz_server_interceptors.go FileWatcherInterceptor (NewFileWatcherWithOptions, run, updateInternalInterceptor, UnaryInterceptor)
// Kind: idiom
// Pair: none

package iauthzreload

import (
	"bytes"
	"context"
	"os"
	"sync/atomic"
	"time"
	"unsafe"
)

// StaticInterceptor enforces one parsed policy.
type StaticInterceptor struct {
	allowed map[string]bool
}

func newStatic(policy []byte) (*StaticInterceptor, error) {
	s := &StaticInterceptor{allowed: map[string]bool{}}
	for _, line := range bytes.Split(policy, []byte("\n")) {
		if len(line) > 0 {
			s.allowed[string(line)] = true
		}
	}
	return s, nil
}

// FileWatcherInterceptor reloads its policy from a file.
type FileWatcherInterceptor struct {
	internalInterceptor unsafe.Pointer // *StaticInterceptor
	policyFile          string
	policyContents      []byte // only touched by the watcher goroutine
}

func (i *FileWatcherInterceptor) updateInternalInterceptor() error {
	policyContents, err := os.ReadFile(i.policyFile)
	if err != nil {
		return err
	}
	if bytes.Equal(i.policyContents, policyContents) {
		return nil
	}
	interceptor, err := newStatic(policyContents)
	if err != nil {
		return err
	}
	i.policyContents = policyContents
	atomic.StorePointer(&i.internalInterceptor, unsafe.Pointer(interceptor))
	return nil
}

func (i *FileWatcherInterceptor) run(ctx context.Context, every time.Duration) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		_ = i.updateInternalInterceptor()
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// Authorized is the read side, per RPC.
func (i *FileWatcherInterceptor) Authorized(method string) bool {
	return (*StaticInterceptor)(atomic.LoadPointer(&i.internalInterceptor)).allowed[method]
}
