package rcuapi_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type benchConfig struct {
	port    int
	retries int
}

var sink atomic.Int64

// BenchmarkRead measures one read-side section each way a Go program could
// protect read-mostly data: enter, load the pointer, read one field, leave.
// Besides the wall-clock time per operation, each reports the CPU time per
// operation (cpu-ns/op, see runParallel), which time spent waiting for a
// processor on a busy machine does not inflate.
func BenchmarkRead(b *testing.B) {
	cfg := &benchConfig{port: 8080}

	b.Run("rcu", func(b *testing.B) {
		var p rcuapi.Pointer[benchConfig]
		p.Assign(cfg)
		runParallel(b, func(pb *testing.PB) {
			n := 0
			for pb.Next() {
				s := rcuapi.ReadLock()
				n += p.Dereference(s).port
				rcuapi.ReadUnlock(s)
			}
			sink.Add(int64(n))
		})
	})
	b.Run("srcu", func(b *testing.B) {
		var d rcuapi.SRCU
		var p rcuapi.Pointer[benchConfig]
		p.Assign(cfg)
		runParallel(b, func(pb *testing.PB) {
			n := 0
			for pb.Next() {
				s := d.ReadLock()
				n += p.Dereference(s).port
				d.ReadUnlock(s)
			}
			sink.Add(int64(n))
		})
	})
	b.Run("qsbr", func(b *testing.B) {
		// Each goroutine registers a handle and announces a quiescent
		// state after every section, as a worker loop would between
		// requests (here the "request" is one section).
		var d rcuapi.QSBR
		var p rcuapi.Pointer[benchConfig]
		p.Assign(cfg)
		runParallel(b, func(pb *testing.PB) {
			r := d.Register()
			n := 0
			for pb.Next() {
				s := r.ReadLock()
				n += p.Dereference(s).port
				r.ReadUnlock(s)
				r.Quiescent()
			}
			r.Unregister()
			sink.Add(int64(n))
		})
	})
	b.Run("rwmutex", func(b *testing.B) {
		var mu sync.RWMutex
		p := cfg
		runParallel(b, func(pb *testing.PB) {
			n := 0
			for pb.Next() {
				mu.RLock()
				n += p.port
				mu.RUnlock()
			}
			sink.Add(int64(n))
		})
	})
	b.Run("atomic", func(b *testing.B) {
		var p atomic.Pointer[benchConfig]
		p.Store(cfg)
		runParallel(b, func(pb *testing.PB) {
			n := 0
			for pb.Next() {
				n += p.Load().port
			}
			sink.Add(int64(n))
		})
	})
}

// BenchmarkSynchronize measures a grace period with no readers (idle) and
// with every goroutine calling Synchronize at once (concurrent), where
// callers share grace periods.
func BenchmarkSynchronize(b *testing.B) {
	b.Run("idle", func(b *testing.B) {
		for b.Loop() {
			rcuapi.Synchronize()
		}
	})
	b.Run("concurrent", func(b *testing.B) {
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				rcuapi.Synchronize()
			}
		})
	})
}

// BenchmarkCallBarrier reports the cost per callback of queueing b.N
// callbacks and waiting for all of them with one Barrier.
func BenchmarkCallBarrier(b *testing.B) {
	var ran atomic.Int64
	fn := func() { ran.Add(1) }
	for b.Loop() {
		rcuapi.Call(fn)
	}
	rcuapi.Barrier()
	if ran.Load() != int64(b.N) {
		b.Fatalf("%d callbacks ran, want %d", ran.Load(), b.N)
	}
}

// BenchmarkModuleTryGetPut measures taking and dropping a module reference
// from every goroutine at once.
func BenchmarkModuleTryGetPut(b *testing.B) {
	m := &rcuapi.Module{Name: "bench"}
	if err := rcuapi.Load(m); err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if !m.TryGet() {
				b.Error("TryGet failed on a loaded module")
				return
			}
			m.Put()
		}
	})
	if err := rcuapi.Unload(m); err != nil {
		b.Fatal(err)
	}
}
