// Command liburcu measures rcuapi's read-side sections against a
// sync.RWMutex read lock, an atomic.Pointer load and liburcu's read sections,
// interleaved in one run, and prints every Go figure as a ratio to each (and
// to classic RCU's, for SRCU and QSBR against it). It
// is run by hand (it is not a test) from the root of the repository:
//
//	go run ./bench/liburcu [-rounds 15] [-benchtime 100ms] [-cpu 1,2]
//
// It needs gcc and liburcu's headers and libraries (Debian: apt-get install
// gcc liburcu-dev). It compiles csrc/sections.c with -O2 and -D_LGPL_SOURCE
// (liburcu's read side inlined, as a C user would have it) for urcu-memb
// (read lock, rcu_dereference, read a field, read unlock) and for urcu-qsbr
// (the same, then a quiescent state, the shape of BenchmarkRead/qsbr); both
// also time "plain", an acquire load and the read of the field. Loops of a
// handful of instructions run up to twice as fast or slow depending on where
// their code lands (the same plain loop took 0.3 or 0.65 ns in two binaries),
// so each flavour is built twice, as is and with -falign-loops=32, and each
// round takes the faster build's figure: liburcu's best case, so the ratios
// to it are if anything too high. It builds rcuapi's test binary and then,
// -rounds times, runs BenchmarkRead (-test.cpu as -cpu, -test.benchtime as
// -benchtime) and the C programs with as many threads as goroutines,
// alternating which goes first. Every ratio is taken within one round,
// between figures measured seconds apart, and the tables show the median
// over the rounds and the range of the middle half.
//
// The figures are CPU time per operation (cpu-ns/op: the process's CPU time
// over the operations of all goroutines or threads), which the time spent
// waiting for a processor on a busy machine does not inflate; the wall-clock
// ratios are printed after them. See README.md.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

var (
	rounds    = flag.Int("rounds", 15, "rounds; every figure is measured once per round")
	benchtime = flag.Duration("benchtime", 100*time.Millisecond, "time per Go benchmark (-test.benchtime) and per C loop")
	cpuF      = flag.String("cpu", "1,2", "goroutines (GOMAXPROCS, -test.cpu) and C threads, comma-separated")
	idle      = flag.Float64("idle", 0, "before each round, wait until fewer than this many other tasks are runnable on average over 2s (0: do not wait)")
	idleWait  = flag.Duration("idlewait", time.Minute, "longest wait for -idle before a round; the round then goes ahead")
	workF     = flag.String("work", "", "work directory (default: a new temporary directory, removed at the end)")
)

// goNames are the sub-benchmarks of BenchmarkRead, in the order of the table.
var goNames = []string{"rcu", "srcu", "qsbr", "rwmutex", "atomic"}

// A sample is one measurement: time and CPU time per operation.
type sample struct{ wall, cpu float64 }

// A round holds every figure of one round, by name ("go/rcu", "c/urcu-memb",
// "c/plain-memb", ...) and by goroutine or thread count.
type round map[string]map[int]sample

func (r round) put(name string, n int, s sample) {
	if r[name] == nil {
		r[name] = map[int]sample{}
	}
	r[name][n] = s
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("liburcu: ")
	flag.Parse()
	cpus, err := parseCPUs(*cpuF)
	if err != nil {
		log.Fatal(err)
	}
	root, err := repoRoot()
	if err != nil {
		log.Fatal(err)
	}
	work := *workF
	if work == "" {
		if work, err = os.MkdirTemp("", "liburcu-bench-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(work)
	}

	cbins, err := buildC(root, work)
	if err != nil {
		log.Fatal(err)
	}
	goTest := filepath.Join(work, "rcuapi.test")
	if out, err := run(filepath.Join(root, "rcuapi"), "go", "test", "-c", "-o", goTest, "."); err != nil {
		log.Fatalf("building rcuapi's tests: %v\n%s", err, out)
	}

	startLoad := loadavg()
	start := time.Now()
	var all []round
	var busy []float64
	ms := strconv.FormatInt(benchtime.Milliseconds(), 10)
	for i := range *rounds {
		if *idle > 0 {
			busy = append(busy, waitIdle())
		}
		r := round{}
		goRun := func() error { return runGo(r, goTest, cpus) }
		cRun := func() error {
			for _, n := range cpus {
				for _, c := range cbins {
					if err := runC(r, c, n, ms); err != nil {
						return err
					}
				}
			}
			bestC(r, cbins, cpus)
			return nil
		}
		first, second := goRun, cRun
		if i%2 == 1 {
			first, second = cRun, goRun
		}
		if err := first(); err != nil {
			log.Fatal(err)
		}
		if err := second(); err != nil {
			log.Fatal(err)
		}
		all = append(all, r)
		fmt.Fprintf(os.Stderr, "round %d/%d done (load %s)\n", i+1, *rounds, loadavg())
	}
	report(all, cbins, cpus, startLoad, start, busy)
}

// report prints the tables.
func report(all []round, cbins []cbin, cpus []int, startLoad string, start time.Time, busy []float64) {
	fmt.Printf("Command: go run ./bench/liburcu %s\n", strings.Join(os.Args[1:], " "))
	fmt.Printf("Machine: %s, %d CPUs, %s/%s, %s, liburcu %s, %s\n",
		cpuModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, goVersion(), liburcuVersion(), gccVersion())
	fmt.Printf("Time: %s to %s UTC; load average (1, 5, 15 min) %s at the start, %s at the end\n",
		start.UTC().Format("2006-01-02 15:04"), time.Now().UTC().Format("15:04"), startLoad, loadavg())
	if len(busy) > 0 {
		fmt.Printf("Other tasks runnable before the rounds (2s averages): %s\n", spread(busy, 1))
	}
	if m := membarrier(all); m != "" {
		fmt.Printf("urcu-memb read side uses the membarrier system call (no fences): %s\n", m)
	}
	fmt.Printf("Rounds: %d. Cells: median over the rounds [middle half of the rounds].\n", len(all))

	for _, metric := range []string{"cpu", "wall"} {
		fmt.Println()
		if metric == "cpu" {
			fmt.Println("CPU time per operation (cpu-ns/op) and ratios, each ratio taken within a round:")
		} else {
			fmt.Println("The same from wall-clock time per operation (ns/op):")
		}
		fmt.Println()
		unit := "ns/op"
		if metric == "cpu" {
			unit = "cpu-ns/op"
		}
		fmt.Printf("| Go benchmark | goroutines | %s | / rwmutex | / atomic | / liburcu | / rcu |\n", unit)
		fmt.Println("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
		for _, name := range goNames {
			ref := "c/urcu-memb"
			if name == "qsbr" {
				ref = "c/urcu-qsbr"
			}
			for _, n := range cpus {
				abs := values(all, func(r round) (float64, bool) { return get(r, "go/"+name, n, metric) })
				toRW := ratios(all, "go/"+name, "go/rwmutex", n, metric)
				toAtomic := ratios(all, "go/"+name, "go/atomic", n, metric)
				toC := ratios(all, "go/"+name, ref, n, metric)
				toRCU := ratios(all, "go/"+name, "go/rcu", n, metric)
				fmt.Printf("| %s | %d | %s | %s | %s | %s (%s) | %s |\n", name, n, spread(abs, 2),
					spread(toRW, 2), spread(toAtomic, 2), spread(toC, 2), strings.TrimPrefix(ref, "c/"), spread(toRCU, 2))
			}
		}
		fmt.Println()
		fmt.Printf("| liburcu (C) | threads | %s | / plain load |\n", unit)
		fmt.Println("| --- | ---: | ---: | ---: |")
		rows := []struct{ name, plain string }{{"urcu-memb", "plain"}, {"urcu-qsbr", "plain"}, {"plain", ""}}
		for _, c := range cbins {
			rows = append(rows, struct{ name, plain string }{c.flavour + " " + c.build, ""},
				struct{ name, plain string }{"plain " + c.build + " (" + c.flavour + " program)", ""})
		}
		for _, c := range rows {
			for _, n := range cpus {
				abs := values(all, func(r round) (float64, bool) { return get(r, "c/"+c.name, n, metric) })
				rel := "—"
				if c.plain != "" {
					rel = spread(ratios(all, "c/"+c.name, "c/"+c.plain, n, metric), 2)
				}
				fmt.Printf("| %s | %d | %s | %s |\n", c.name, n, spread(abs, 2), rel)
			}
		}
	}
}

// get returns one figure of round r.
func get(r round, name string, n int, metric string) (float64, bool) {
	s, ok := r[name][n]
	if !ok {
		return 0, false
	}
	if metric == "cpu" {
		return s.cpu, s.cpu > 0
	}
	return s.wall, s.wall > 0
}

func values(all []round, f func(round) (float64, bool)) []float64 {
	var v []float64
	for _, r := range all {
		if x, ok := f(r); ok {
			v = append(v, x)
		}
	}
	return v
}

// ratios returns a/b for every round that has both.
func ratios(all []round, a, b string, n int, metric string) []float64 {
	return values(all, func(r round) (float64, bool) {
		x, ok1 := get(r, a, n, metric)
		y, ok2 := get(r, b, n, metric)
		return x / y, ok1 && ok2
	})
}

// spread formats the median of v and its middle half (the quartiles).
func spread(v []float64, prec int) string {
	if len(v) == 0 {
		return "—"
	}
	s := slices.Clone(v)
	slices.Sort(s)
	q := func(p float64) float64 {
		// linear interpolation between the closest ranks
		x := p * float64(len(s)-1)
		i := int(x)
		if i+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[i] + (x-float64(i))*(s[i+1]-s[i])
	}
	f := "%." + strconv.Itoa(prec) + "f"
	return fmt.Sprintf(f+" ["+f+"–"+f+"]", q(0.5), q(0.25), q(0.75))
}

// runGo runs BenchmarkRead once at every count of cpus and records its
// figures.
func runGo(r round, test string, cpus []int) error {
	var cpu []string
	for _, n := range cpus {
		cpu = append(cpu, strconv.Itoa(n))
	}
	out, err := run("", test, "-test.run", "^$", "-test.bench", "^BenchmarkRead$",
		"-test.benchtime", benchtime.String(), "-test.count", "1", "-test.cpu", strings.Join(cpu, ","))
	if err != nil {
		return fmt.Errorf("BenchmarkRead: %v\n%s", err, out)
	}
	// BenchmarkRead/rcu-2   	 1000000	  5.0 ns/op	  9.9 cpu-ns/op
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkRead/") {
			continue
		}
		name, n := strings.TrimPrefix(f[0], "BenchmarkRead/"), 1
		if i := strings.LastIndexByte(name, '-'); i >= 0 {
			if v, err := strconv.Atoi(name[i+1:]); err == nil {
				name, n = name[:i], v
			}
		}
		var s sample
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				s.wall = v
			case "cpu-ns/op":
				s.cpu = v
			}
		}
		r.put("go/"+name, n, s)
	}
	for _, name := range goNames {
		for _, n := range cpus {
			if _, ok := r["go/"+name][n]; !ok {
				return fmt.Errorf("BenchmarkRead/%s with %d goroutines missing from:\n%s", name, n, out)
			}
		}
	}
	return nil
}

// A cbin is one build of csrc/sections.c.
type cbin struct {
	path    string
	flavour string // urcu-memb or urcu-qsbr
	build   string // how it was built: "-O2" or "-O2 -falign-loops=32"
}

// runC runs one build of the C program with n threads and records its
// figures as "c/FLAVOUR BUILD" and "c/plain BUILD (FLAVOUR program)".
func runC(r round, c cbin, n int, ms string) error {
	out, err := run("", c.path, strconv.Itoa(n), ms)
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", c.path, err, out)
	}
	// urcu-memb threads=1 ops=... ns/op=1.42 cpu-ns/op=1.42 [membarrier=1]
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 {
			continue
		}
		name := c.flavour + " " + c.build
		if f[0] == "plain" {
			name = "plain " + c.build + " (" + c.flavour + " program)"
		}
		var s sample
		for _, kv := range f[1:] {
			k, v, _ := strings.Cut(kv, "=")
			x, _ := strconv.ParseFloat(v, 64)
			switch k {
			case "ns/op":
				s.wall = x
			case "cpu-ns/op":
				s.cpu = x
			case "membarrier":
				r.put("c/membarrier", n, sample{wall: x})
			}
		}
		r.put("c/"+name, n, s)
	}
	return nil
}

// bestC records, for each flavour and for the plain load, the fastest of the
// round's builds as "c/urcu-memb", "c/urcu-qsbr" and "c/plain".
func bestC(r round, cbins []cbin, cpus []int) {
	for _, n := range cpus {
		best := map[string]sample{}
		keep := func(name, from string) {
			s, ok := r["c/"+from][n]
			if !ok {
				return
			}
			b, seen := best[name]
			if !seen || s.cpu < b.cpu {
				b.cpu = s.cpu
			}
			if !seen || s.wall < b.wall {
				b.wall = s.wall
			}
			best[name] = b
		}
		for _, c := range cbins {
			keep(c.flavour, c.flavour+" "+c.build)
			keep("plain", "plain "+c.build+" ("+c.flavour+" program)")
		}
		for name, s := range best {
			r.put("c/"+name, n, s)
		}
	}
}

// membarrier reports what urcu-memb said about the membarrier system call.
func membarrier(all []round) string {
	seen := map[string]bool{}
	for _, r := range all {
		for _, s := range r["c/membarrier"] {
			if s.wall == 1 {
				seen["yes"] = true
			} else {
				seen["no"] = true
			}
		}
	}
	var keys []string
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// buildC compiles csrc/sections.c for urcu-memb and urcu-qsbr, each as is
// and with loops aligned to 32 bytes.
func buildC(root, work string) ([]cbin, error) {
	src := filepath.Join(root, "bench", "liburcu", "csrc", "sections.c")
	var bins []cbin
	for _, fl := range []struct{ flavour, macro, lib string }{
		{"urcu-memb", "FLAVOUR_MEMB", "liburcu-memb"},
		{"urcu-qsbr", "FLAVOUR_QSBR", "liburcu-qsbr"},
	} {
		libs := []string{"-l" + strings.TrimPrefix(fl.lib, "lib"), "-lurcu-common"}
		if o, err := run("", "pkg-config", "--cflags", "--libs", fl.lib); err == nil {
			libs = strings.Fields(string(o))
		}
		for i, opt := range [][]string{{"-O2"}, {"-O2", "-falign-loops=32"}} {
			bin := filepath.Join(work, fmt.Sprintf("sections-%s-%d", fl.flavour, i))
			args := append(slices.Clone(opt), "-D_LGPL_SOURCE", "-D"+fl.macro, "-o", bin, src)
			args = append(append(args, libs...), "-lpthread")
			if o, err := run("", "gcc", args...); err != nil {
				return nil, fmt.Errorf("gcc %s: %v\n%s(Debian: apt-get install gcc liburcu-dev)", strings.Join(args, " "), err, o)
			}
			bins = append(bins, cbin{path: bin, flavour: fl.flavour, build: strings.Join(opt, " ")})
		}
	}
	return bins, nil
}

func run(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

func parseCPUs(s string) ([]int, error) {
	var cpus []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 64 {
			return nil, fmt.Errorf("-cpu %q: want counts from 1 to 64, comma-separated", s)
		}
		cpus = append(cpus, n)
	}
	return cpus, nil
}

func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the rcuvet module")
	}
	return filepath.Dir(mod), nil
}

// loadavg returns the three load averages of /proc/loadavg.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// waitIdle waits until fewer than -idle other tasks are runnable, or
// -idlewait has passed, and returns the last average it measured.
func waitIdle() float64 {
	deadline := time.Now().Add(*idleWait)
	for {
		busy := runnable(2 * time.Second)
		if busy < *idle || time.Now().After(deadline) {
			return busy
		}
		fmt.Fprintf(os.Stderr, "waiting: %.1f other tasks runnable (load %s)\n", busy, loadavg())
		time.Sleep(time.Second)
	}
}

// runnable averages, over d, the number of runnable tasks that
// /proc/loadavg's fourth field counts, less the one reading it.
func runnable(d time.Duration) float64 {
	const n = 20
	sum := 0.0
	for range n {
		if data, err := os.ReadFile("/proc/loadavg"); err == nil {
			if f := strings.Fields(string(data)); len(f) >= 4 {
				r, _, _ := strings.Cut(f[3], "/")
				v, _ := strconv.Atoi(r)
				sum += float64(v - 1)
			}
		}
		time.Sleep(d / n)
	}
	return sum / n
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}

func liburcuVersion() string {
	out, err := exec.Command("pkg-config", "--modversion", "liburcu").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func gccVersion() string {
	out, err := exec.Command("gcc", "-dumpfullversion").Output()
	if err != nil {
		return "gcc ?"
	}
	return "gcc " + strings.TrimSpace(string(out))
}
