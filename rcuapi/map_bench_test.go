package rcuapi_test

import (
	"hash/maphash"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The map benchmarks draw keys from a space of mapBenchSpace ints, half of
// which are stored before the run. Writes are Stores and Deletes in equal
// numbers over the same space, so the map keeps about half of the keys
// (mapBenchSpace/2 = 1024) and about half of the reads find their key.
const mapBenchSpace = 2048

// mapBenchMixes are the read percentages of the mixes.
var mapBenchMixes = []struct {
	name  string
	reads uint64
}{
	{"read100", 100},
	{"read99", 99},
	{"read90", 90},
}

// mapOp draws the next operation from the generator state x (xorshift64):
// a key, and whether it is a read, a store or a delete.
func mapOp(x *uint64, readPct uint64) (k int, read, store bool) {
	r := *x
	r ^= r << 13
	r ^= r >> 7
	r ^= r << 17
	*x = r
	k = int(r>>32) & (mapBenchSpace - 1)
	read = (r&0xffff)*100>>16 < readPct
	return k, read, r&(1<<20) != 0
}

var mapBenchSeed atomic.Uint64

// mapGen returns a generator state for one benchmark goroutine.
func mapGen() uint64 { return (mapBenchSeed.Add(1) | 1) * 0x9E3779B97F4A7C15 }

// runParallel is b.RunParallel that also reports the CPU time the process
// spent per operation (cpu-ns/op, garbage collection included). On a machine
// shared with other work, wall-clock time per operation also counts the time
// the benchmark's threads waited for a processor; CPU time does not.
func runParallel(b *testing.B, body func(*testing.PB)) {
	c0 := processCPU()
	b.RunParallel(body)
	reportCPU(b, c0)
}

// reportCPU reports the CPU time used since c0 per operation.
func reportCPU(b *testing.B, c0 time.Duration) {
	if c := processCPU() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(c.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkMap compares rcuapi.Map (each Load in a classic section of its
// own), sync.Map and a Go map guarded by a sync.RWMutex, with every
// goroutine running the same mix of reads and writes.
func BenchmarkMap(b *testing.B) {
	for _, mix := range mapBenchMixes {
		b.Run(mix.name, func(b *testing.B) {
			b.Run("rcu", func(b *testing.B) {
				var m rcuapi.Map[int, int]
				for k := 0; k < mapBenchSpace; k += 2 {
					m.Store(k, k)
				}
				runParallel(b, func(pb *testing.PB) {
					x, n := mapGen(), 0
					for pb.Next() {
						k, read, store := mapOp(&x, mix.reads)
						switch {
						case read:
							s := rcuapi.ReadLock()
							v, _ := m.Load(s, k)
							rcuapi.ReadUnlock(s)
							n += v
						case store:
							m.Store(k, k)
						default:
							m.Delete(k)
						}
					}
					sink.Add(int64(n))
				})
			})
			b.Run("syncmap", func(b *testing.B) {
				var m sync.Map
				for k := 0; k < mapBenchSpace; k += 2 {
					m.Store(k, k)
				}
				runParallel(b, func(pb *testing.PB) {
					x, n := mapGen(), 0
					for pb.Next() {
						k, read, store := mapOp(&x, mix.reads)
						switch {
						case read:
							if v, ok := m.Load(k); ok {
								n += v.(int)
							}
						case store:
							m.Store(k, k)
						default:
							m.Delete(k)
						}
					}
					sink.Add(int64(n))
				})
			})
			b.Run("rwmutex", func(b *testing.B) {
				var mu sync.RWMutex
				m := make(map[int]int)
				for k := 0; k < mapBenchSpace; k += 2 {
					m[k] = k
				}
				runParallel(b, func(pb *testing.PB) {
					x, n := mapGen(), 0
					for pb.Next() {
						k, read, store := mapOp(&x, mix.reads)
						switch {
						case read:
							mu.RLock()
							v := m[k]
							mu.RUnlock()
							n += v
						case store:
							mu.Lock()
							m[k] = k
							mu.Unlock()
						default:
							mu.Lock()
							delete(m, k)
							mu.Unlock()
						}
					}
					sink.Add(int64(n))
				})
			})
		})
	}
}

// BenchmarkKeyHash measures what rcuapi.Map pays to hash a key
// (maphash.Comparable with a per-map seed), for an int and a short string.
func BenchmarkKeyHash(b *testing.B) {
	seed := maphash.MakeSeed()
	b.Run("int", func(b *testing.B) {
		var h uint64
		c0 := processCPU()
		for i := 0; b.Loop(); i++ {
			h += maphash.Comparable(seed, i)
		}
		reportCPU(b, c0)
		sink.Add(int64(h))
	})
	b.Run("string16", func(b *testing.B) {
		keys := make([]string, 1024)
		for i := range keys {
			keys[i] = "key-" + strconv.Itoa(1e11+i)
		}
		var h uint64
		c0 := processCPU()
		for i := 0; b.Loop(); i++ {
			h += maphash.Comparable(seed, keys[i&1023])
		}
		reportCPU(b, c0)
		sink.Add(int64(h))
	})
}
