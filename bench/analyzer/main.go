// Command analyzer measures what rcuvet costs under go vet, against two
// floors, on the same packages in one run. It is run by hand (it is not a
// test) from the root of the repository:
//
//	go run ./bench/analyzer [-n 3] [-corpora std,xtools,gen] [-scales 1,2,4]
//
// It builds three vet tools, rcuvet (./cmd/rcuvet) and the floors
// ./bench/analyzer/floor (an analyzer that declares a fact and does nothing)
// and ./bench/analyzer/floorssa (the same, plus SSA for every package), and
// times `go vet -vettool=TOOL PATTERNS` for each tool on each corpus,
// interleaving the tools, -n times each. Every timed run uses a fresh copy
// of the tool with random bytes appended, so that go vet, which caches its
// results per tool content hash, runs the tool on every package again. See
// README.md for what is measured and the results.
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

var (
	nRuns      = flag.Int("n", 3, "timed runs of each tool on each corpus; the table shows medians")
	corporaF   = flag.String("corpora", "std,xtools,gen", "corpora to measure, comma-separated: std, xtools, gen, or a module as path@version (e.g. github.com/cockroachdb/pebble@v1.1.5)")
	stdPattern = flag.String("std", "std", "package patterns of the std corpus (space-separated)")
	scalesF    = flag.String("scales", "1,2,4", "sizes of the generated corpus, comma-separated")
	genPkgs    = flag.Int("gen-packages", 40, "packages per unit of scale in the generated corpus")
	genGroups  = flag.Int("gen-groups", 8, "groups of functions per generated package")
	rcuvetF    = flag.String("rcuvet", "", "rcuvet binary to measure (default: build ./cmd/rcuvet)")
	workF      = flag.String("work", "", "work directory (default: a new temporary directory, removed at the end)")
	offline    = flag.Bool("offline", true, "set GOPROXY=off while setting up the x/tools and generated modules (they must be in the module cache)")
	checkCache = flag.Bool("checkcache", true, "after the first timed run of each tool on each corpus, run go vet again with the same tool binary and report its time (it must be much faster)")
	idle       = flag.Float64("idle", 1, "before each timed run, wait until fewer than this many other tasks are runnable on average over 2s (0: do not wait)")
	idleWait   = flag.Duration("idlewait", time.Minute, "longest wait for -idle before a run; the run then goes ahead")
	sampleF    = flag.Duration("sample", 50*time.Millisecond, "interval at which the process tree's memory is sampled from /proc (0: do not sample)")
	jsonF      = flag.String("json", "", "also write every measurement to this JSON file")
)

// The tools, in the order of the table.
var toolNames = []string{"floor", "floorssa", "rcuvet"}

type corpus struct {
	Name     string   // as shown in the table
	Kind     string   // "norcu" (no rcuapi) or "gen"
	Scale    int      // gen only
	Dir      string   // where go vet runs
	Patterns []string // what it vets
	Own      string   // import path prefix of the corpus's own packages ("" for all)
	Lines    int      // lines of Go of the generated module
	Packages int      // packages go vet runs the tool on (the patterns, their tests and all dependencies)
	env      []string
}

// sample is one timed go vet run.
type sample struct {
	Wall time.Duration
	// CPU is user+system time of the go command and every process it
	// waited for (the vet tool processes), from wait4's rusage.
	CPU time.Duration
	// MaxRSS is rusage.Maxrss of the go vet process as returned by wait4:
	// on Linux the largest peak resident set of any single process in the
	// tree (the go command or one vet tool process), not their sum.
	MaxRSS int64
	// ToolHWM is the largest peak resident set (VmHWM) of the vet tool
	// processes alone, sampled from /proc; 0 when not sampled.
	ToolHWM int64
	// TreeRSS is the largest sum of the resident sets of the go command and
	// its descendants alive at one moment, sampled from /proc.
	TreeRSS int64
	// ToolCPU is the user+system time of the vet tool processes alone, and
	// OwnCPU that of those that analysed the corpus's own packages (not
	// their dependencies), from go vet -debug-actiongraph.
	ToolCPU, OwnCPU time.Duration
	// ToolRuns is how many times go vet ran the tool.
	ToolRuns int
	// PerPackage is each tool run's user+system time, by package (as go
	// names it: "p", "p [p.test]", "p_test [p.test]").
	PerPackage map[string]time.Duration `json:",omitempty"`
	// Busy is the average number of other runnable tasks just before the
	// run (see -idle).
	Busy float64
}

type result struct {
	Corpus string
	Tool   string
	Runs   []sample
	Cached *sample // a second run with the same binary, if -checkcache
}

type harness struct {
	root    string // the repository
	work    string
	tools   map[string]string // name -> built binary
	results []*result
	baseEnv []string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	flag.Parse()
	if *nRuns < 1 {
		log.Fatal("-n must be at least 1")
	}
	h := &harness{tools: map[string]string{}}
	if err := h.run(); err != nil {
		log.Fatal(err)
	}
}

func (h *harness) run() error {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return fmt.Errorf("finding the repository (run from inside it): %v", err)
	}
	h.root = strings.TrimSpace(string(out))
	if *workF != "" {
		h.work, err = filepath.Abs(*workF)
		if err == nil {
			err = os.MkdirAll(h.work, 0o777)
		}
	} else {
		h.work, err = os.MkdirTemp("", "rcuvet-bench-")
		defer os.RemoveAll(h.work)
	}
	if err != nil {
		return err
	}
	h.baseEnv = append(os.Environ(), "GOWORK=off")

	info := machine()
	if rev, err := exec.Command("git", "-C", h.root, "describe", "--always", "--dirty", "--exclude=*").Output(); err == nil {
		info += "; rcuvet at " + strings.TrimSpace(string(rev))
	}
	fmt.Fprintf(os.Stderr, "%s\n", info)

	// Build the tools.
	bin := filepath.Join(h.work, "bin")
	for _, name := range append(slices.Clone(toolNames), "gen") {
		pkg := "./bench/analyzer/" + name
		if name == "rcuvet" {
			if *rcuvetF != "" {
				h.tools[name] = *rcuvetF
				continue
			}
			pkg = "./cmd/rcuvet"
		}
		dst := filepath.Join(bin, name)
		cmd := exec.Command("go", "build", "-o", dst, pkg)
		cmd.Dir = h.root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
		h.tools[name] = dst
	}

	// Set up the corpora.
	var corpora []*corpus
	for _, name := range strings.Split(*corporaF, ",") {
		switch strings.TrimSpace(name) {
		case "std":
			c, err := h.stdCorpus()
			if err != nil {
				return err
			}
			corpora = append(corpora, c)
		case "xtools":
			c, err := h.xtoolsCorpus()
			if err != nil {
				return err
			}
			corpora = append(corpora, c)
		case "gen":
			for _, s := range strings.Split(*scalesF, ",") {
				scale, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil || scale < 1 {
					return fmt.Errorf("bad -scales %q", *scalesF)
				}
				c, err := h.genCorpus(scale)
				if err != nil {
					return err
				}
				corpora = append(corpora, c)
			}
		default:
			mod, version, ok := strings.Cut(strings.TrimSpace(name), "@")
			if !ok || mod == "" || version == "" {
				return fmt.Errorf("unknown corpus %q (want std, xtools, gen or module@version)", name)
			}
			c, err := h.moduleCorpus(mod, version)
			if err != nil {
				return err
			}
			corpora = append(corpora, c)
		}
	}

	start := time.Now()
	for _, c := range corpora {
		if err := h.measure(c); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "measured in %s; load average now %s\n", time.Since(start).Round(time.Second), loadavg())

	h.report(os.Stdout, info, corpora)
	if *jsonF != "" {
		data, err := json.MarshalIndent(struct {
			Machine string
			Corpora []*corpus
			Results []*result
		}{info, corpora, h.results}, "", "\t")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*jsonF, data, 0o666); err != nil {
			return err
		}
	}
	return nil
}

// machine describes the machine and the toolchain.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	gover, _ := exec.Command("go", "version").Output()
	return fmt.Sprintf("%d CPUs (nproc), %s, %s; load average at start %s",
		runtime.NumCPU(), model, strings.TrimSpace(string(gover)), loadavg())
}

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

// setupEnv is the environment for commands that may add go.sum entries.
func (h *harness) setupEnv() []string {
	env := append(slices.Clone(h.baseEnv), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
	if *offline {
		env = append(env, "GOPROXY=off")
	}
	return env
}

func (h *harness) goCmd(dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, tail(stderr.String(), 40))
	}
	return out, nil
}

// countPackages counts the packages go vet runs the tool on: the patterns'
// packages, their test variants and every dependency.
func (h *harness) countPackages(c *corpus) error {
	out, err := h.goCmd(c.Dir, c.env, append([]string{"list", "-deps", "-test", "-f", "{{.ImportPath}}"}, c.Patterns...)...)
	if err != nil {
		return err
	}
	c.Packages = bytes.Count(out, []byte("\n"))
	return nil
}

func (h *harness) stdCorpus() (*corpus, error) {
	dir := filepath.Join(h.work, "std")
	if err := writeFile(filepath.Join(dir, "go.mod"), "module benchcorpus/std\n\ngo 1.26.0\n"); err != nil {
		return nil, err
	}
	c := &corpus{Name: "std", Kind: "norcu", Dir: dir, Patterns: strings.Fields(*stdPattern), env: h.baseEnv}
	return c, h.countPackages(c)
}

// xtoolsCorpus is golang.org/x/tools/... at the version this repository
// requires, in a module of its own.
func (h *harness) xtoolsCorpus() (*corpus, error) {
	out, err := h.goCmd(h.root, h.baseEnv, "list", "-m", "-f", "{{.Version}}", "golang.org/x/tools")
	if err != nil {
		return nil, err
	}
	version := strings.TrimSpace(string(out))
	dir := filepath.Join(h.work, "xtools")
	// go-cmp: x/tools requires v0.6.0 (for its tests, which go vet vets);
	// requiring v0.7.0 lets the module load from a module cache that has
	// only that one, offline.
	gomod := fmt.Sprintf("module benchcorpus/xtools\n\ngo 1.26.0\n\nrequire (\n\tgolang.org/x/tools %s\n\tgithub.com/google/go-cmp v0.7.0\n)\n", version)
	if err := writeFile(filepath.Join(dir, "go.mod"), gomod); err != nil {
		return nil, err
	}
	patterns := []string{"golang.org/x/tools/..."}
	if _, err := h.goCmd(dir, h.setupEnv(), append([]string{"list", "-deps", "-test"}, patterns...)...); err != nil {
		return nil, err
	}
	c := &corpus{Name: "x/tools " + version, Kind: "norcu", Dir: dir, Patterns: patterns, Own: "golang.org/x/tools", env: h.baseEnv}
	return c, h.countPackages(c)
}

// moduleCorpus is a public module's packages (mod/...) at version, in a
// module of its own that requires it: real code of that size, with no
// rcuapi in sight. Setting it up needs the module proxy (or a module cache
// that has the module and its dependencies).
func (h *harness) moduleCorpus(mod, version string) (*corpus, error) {
	dir := filepath.Join(h.work, "mod-"+strings.NewReplacer("/", "_", ".", "_").Replace(mod))
	gomod := fmt.Sprintf("module benchcorpus/mod\n\ngo 1.26.0\n\nrequire %s %s\n", mod, version)
	if err := writeFile(filepath.Join(dir, "go.mod"), gomod); err != nil {
		return nil, err
	}
	// No go mod tidy: with nothing importing the module (which need not
	// have a package at its root) it would drop the requirement. Listing
	// the packages with -mod=mod (setupEnv) records every module and sum
	// they need, tests included.
	env := h.setupEnv()
	patterns := []string{mod + "/..."}
	if _, err := h.goCmd(dir, env, append([]string{"list", "-deps", "-test"}, patterns...)...); err != nil {
		return nil, err
	}
	c := &corpus{Name: mod + " " + version, Kind: "norcu", Dir: dir, Patterns: patterns, Own: mod, env: h.baseEnv}
	return c, h.countPackages(c)
}

// genCorpus generates the rcuapi-heavy module at the given scale.
func (h *harness) genCorpus(scale int) (*corpus, error) {
	dir := filepath.Join(h.work, fmt.Sprintf("gen%dx", scale))
	os.RemoveAll(dir)
	cmd := exec.Command(h.tools["gen"], "-scale", strconv.Itoa(scale), "-packages", strconv.Itoa(*genPkgs),
		"-groups", strconv.Itoa(*genGroups), "-root", h.root, "-o", dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("gen: %v\n%s", err, out)
	}
	var lines, pkgs int
	fmt.Sscanf(string(out[bytes.IndexByte(out, ':')+1:]), " %d packages besides core, %d lines of Go", &pkgs, &lines)
	if _, err := h.goCmd(dir, h.setupEnv(), "mod", "tidy"); err != nil {
		return nil, err
	}
	c := &corpus{
		Name: fmt.Sprintf("gen %dx", scale), Kind: "gen", Scale: scale, Dir: dir,
		Patterns: []string{"./..."}, Own: "rcubench.example/corpus/",
		Lines: lines, env: h.baseEnv,
	}
	return c, h.countPackages(c)
}

func writeFile(path, data string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(data), 0o666)
}

// measure times every tool on c, -n times each, interleaved.
func (h *harness) measure(c *corpus) error {
	fmt.Fprintf(os.Stderr, "\n== %s: go vet %s in %s (%d packages with tests and dependencies)\n", c.Name, strings.Join(c.Patterns, " "), c.Dir, c.Packages)
	// Warm the build cache (export data of every package and test variant)
	// and the file cache, untimed.
	if _, err := h.vet(c, h.tools["floor"], false); err != nil {
		return err
	}
	res := map[string]*result{}
	for _, t := range toolNames {
		r := &result{Corpus: c.Name, Tool: t}
		res[t] = r
		h.results = append(h.results, r)
	}
	for i := 0; i < *nRuns; i++ {
		for _, t := range toolNames {
			r := res[t]
			check := *checkCache && i == 0
			s, err := h.vet(c, h.tools[t], check)
			if err != nil {
				return fmt.Errorf("%s, %s: %v", c.Name, t, err)
			}
			r.Runs = append(r.Runs, s[0])
			line := fmt.Sprintf("%-12s run %d %-8s wall %6.2fs cpu %6.2fs (tools %6.2fs, own packages %6.2fs, %d runs) maxrss %4d MiB tool %4d MiB tree %4d MiB",
				c.Name, i+1, t, s[0].Wall.Seconds(), s[0].CPU.Seconds(), s[0].ToolCPU.Seconds(), s[0].OwnCPU.Seconds(), s[0].ToolRuns,
				mib(s[0].MaxRSS), mib(s[0].ToolHWM), mib(s[0].TreeRSS))
			if len(s) > 1 {
				r.Cached = &s[1]
				line += fmt.Sprintf("; again with the same binary: wall %.2fs, %d tool runs", s[1].Wall.Seconds(), s[1].ToolRuns)
				if s[1].Wall*2 > s[0].Wall || s[1].ToolRuns > 0 {
					line += " (the cache was NOT defeated?)"
				}
			}
			fmt.Fprintf(os.Stderr, "%s [busy %.1f, load %s]\n", line, s[0].Busy, loadavg())
		}
	}
	return nil
}

// vet runs go vet on c with a fresh copy of tool and returns the timed run,
// and a second run with the same copy if again is set.
func (h *harness) vet(c *corpus, tool string, again bool) ([]sample, error) {
	bin, err := freshCopy(tool, filepath.Join(h.work, "tools"))
	if err != nil {
		return nil, err
	}
	defer os.Remove(bin)
	graph := filepath.Join(h.work, "actiongraph.json")
	var out []sample
	busy := waitIdle()
	s, err := runVet(c, bin, graph)
	if err != nil {
		return nil, err
	}
	s.Busy = busy
	out = append(out, s)
	if again {
		s, err := runVet(c, bin, graph)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// waitIdle waits, up to -idlewait, until fewer than -idle other tasks are
// runnable on average over 2 seconds, and returns the last average.
func waitIdle() float64 {
	deadline := time.Now().Add(*idleWait)
	for {
		busy := runnable(2 * time.Second)
		if *idle <= 0 || busy < *idle || time.Now().After(deadline) {
			return busy
		}
		fmt.Fprintf(os.Stderr, "  waiting: %.1f other tasks runnable (load %s)\n", busy, loadavg())
		time.Sleep(3 * time.Second)
	}
}

// runnable returns the average number of runnable tasks over d, other than
// the one reading /proc/loadavg, from the fourth field of /proc/loadavg.
func runnable(d time.Duration) float64 {
	const n = 20
	sum := 0.0
	for i := 0; i < n; i++ {
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

// freshCopy copies the tool binary into dir under a new name and appends
// random bytes to it. go vet identifies a vet tool by the content hash its
// -V=full prints (unitchecker hashes its own executable), and caches its
// results per package under that ID; a copy with other content is a new
// tool to go vet, so none of its results are cached. The bytes appended
// after the end of the ELF file do not change what the program does.
func freshCopy(tool, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", err
	}
	var nonce [16]byte
	rand.Read(nonce[:])
	dst := filepath.Join(dir, fmt.Sprintf("%s-%x", filepath.Base(tool), nonce[:4]))
	src, err := os.Open(tool)
	if err != nil {
		return "", err
	}
	defer src.Close()
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o755)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(f, src); err != nil {
		f.Close()
		return "", err
	}
	if _, err := f.Write(nonce[:]); err != nil {
		f.Close()
		return "", err
	}
	return dst, f.Close()
}

// runVet runs go vet -vettool=bin on c and measures it. go vet writes its
// action graph, with the time of every tool run, to graph.
func runVet(c *corpus, bin, graph string) (sample, error) {
	args := append([]string{"vet", "-debug-actiongraph=" + graph, "-vettool=" + bin}, c.Patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = c.Dir
	cmd.Env = c.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	stop := make(chan struct{})
	mem := make(chan [2]int64, 1)
	go sampleTree(cmd.Process.Pid, *sampleF, stop, mem)
	err := cmd.Wait()
	wall := time.Since(start)
	close(stop)
	m := <-mem
	if err != nil && !onlyFindings(cmd.ProcessState, out.String()) {
		return sample{}, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, tail(out.String(), 40))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, errors.New("no rusage")
	}
	s := sample{
		Wall:    wall,
		CPU:     time.Duration(syscall.TimevalToNsec(ru.Utime) + syscall.TimevalToNsec(ru.Stime)),
		MaxRSS:  ru.Maxrss * 1024, // kilobytes on Linux
		ToolHWM: m[0],
		TreeRSS: m[1],
	}
	return s, s.readGraph(graph, c.Own)
}

// finding matches a line of go vet's output that reports a finding of
// rcuvet's ("file:line:col: RCU1234: ...").
var finding = regexp.MustCompile(`^\S+:\d+:\d+: RCU\d{4}: `)

// onlyFindings reports whether go vet failed only because the tool
// reported findings (exit status 1, and every line a finding, one of its
// related positions, or a package header): real code may have some, and
// they cost what they cost. Anything else (an internal error, a build
// failure) fails the measurement.
func onlyFindings(ps *os.ProcessState, out string) bool {
	if ps == nil || ps.ExitCode() != 1 {
		return false
	}
	n := 0
	for _, line := range strings.Split(out, "\n") {
		switch {
		case line == "", strings.HasPrefix(line, "# "), strings.HasPrefix(line, "\t"):
		case finding.MatchString(line):
			n++
		default:
			return false
		}
	}
	return n > 0
}

// readGraph adds the tool runs of a go vet action graph to s.
func (s *sample) readGraph(graph, own string) error {
	data, err := os.ReadFile(graph)
	if err != nil {
		return err
	}
	var actions []struct {
		Mode, Package   string
		Cmd             []string
		CmdUser, CmdSys time.Duration
	}
	if err := json.Unmarshal(data, &actions); err != nil {
		return fmt.Errorf("%s: %v", graph, err)
	}
	s.PerPackage = make(map[string]time.Duration)
	for _, a := range actions {
		if a.Mode != "vet" || len(a.Cmd) == 0 {
			continue // cached, or not a vet action
		}
		t := a.CmdUser + a.CmdSys
		s.ToolRuns++
		s.ToolCPU += t
		s.PerPackage[a.Package] += t
		if strings.HasPrefix(a.Package, own) {
			s.OwnCPU += t
		}
	}
	return nil
}

// sampleTree samples the memory of the process tree rooted at pid every
// interval until stop is closed, then sends the largest VmHWM of a
// descendant (a vet tool process) and the largest sum of VmRSS over the
// tree.
func sampleTree(pid int, interval time.Duration, stop <-chan struct{}, out chan<- [2]int64) {
	var toolHWM, treeRSS int64
	if interval <= 0 {
		<-stop
		out <- [2]int64{}
		return
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		var sum int64
		var walk func(p int, root bool)
		walk = func(p int, root bool) {
			rss, hwm := procMem(p)
			sum += rss
			if !root && hwm > toolHWM {
				toolHWM = hwm
			}
			for _, c := range children(p) {
				walk(c, false)
			}
		}
		walk(pid, true)
		treeRSS = max(treeRSS, sum)
		select {
		case <-stop:
			out <- [2]int64{toolHWM, treeRSS}
			return
		case <-tick.C:
		}
	}
}

// procMem returns the VmRSS and VmHWM of process p in bytes.
func procMem(p int) (rss, hwm int64) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(p) + "/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		if k == "VmRSS" {
			rss = n * 1024
		} else {
			hwm = n * 1024
		}
	}
	return rss, hwm
}

// children lists the children of process p, made by any of its threads.
func children(p int) []int {
	tasks, err := os.ReadDir("/proc/" + strconv.Itoa(p) + "/task")
	if err != nil {
		return nil
	}
	var kids []int
	for _, t := range tasks {
		data, err := os.ReadFile("/proc/" + strconv.Itoa(p) + "/task/" + t.Name() + "/children")
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(data)) {
			if k, err := strconv.Atoi(f); err == nil {
				kids = append(kids, k)
			}
		}
	}
	return kids
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

func mib(b int64) int64 { return (b + 1<<19) >> 20 }

// median returns the median of the runs' values of f (the lower middle
// one for an even count).
func median(runs []sample, f func(sample) float64) float64 {
	v := make([]float64, len(runs))
	for i, s := range runs {
		v[i] = f(s)
	}
	slices.Sort(v)
	return v[(len(v)-1)/2]
}

var (
	wallOf = func(s sample) float64 { return s.Wall.Seconds() }
	cpuOf  = func(s sample) float64 { return s.CPU.Seconds() }
	rssOf  = func(s sample) float64 { return float64(s.MaxRSS) }
	hwmOf  = func(s sample) float64 { return float64(s.ToolHWM) }
	treeOf = func(s sample) float64 { return float64(s.TreeRSS) }
	toolOf = func(s sample) float64 { return s.ToolCPU.Seconds() }
	ownOf  = func(s sample) float64 { return s.OwnCPU.Seconds() }
	runsOf = func(s sample) float64 { return float64(s.ToolRuns) }
)

// report prints the table and the ratios, in Markdown.
func (h *harness) report(w io.Writer, info string, corpora []*corpus) {
	find := func(c, tool string) *result {
		for _, r := range h.results {
			if r.Corpus == c && r.Tool == tool {
				return r
			}
		}
		return nil
	}
	fmt.Fprintf(w, "\nMachine: %s. Medians of %d runs.\n\n", info, *nRuns)
	fmt.Fprintln(w, "| corpus | packages | tool | wall s | CPU s | tools CPU s | own pkgs CPU s | tool runs | maxrss MiB | tool peak MiB | tree peak MiB | again: wall s, tool runs |")
	fmt.Fprintln(w, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, c := range corpora {
		for _, t := range toolNames {
			r := find(c.Name, t)
			if r == nil {
				continue
			}
			name := c.Name
			if c.Lines > 0 {
				name += fmt.Sprintf(" (%d lines)", c.Lines)
			}
			again := ""
			if r.Cached != nil {
				again = fmt.Sprintf("%.2f, %d", r.Cached.Wall.Seconds(), r.Cached.ToolRuns)
			}
			fmt.Fprintf(w, "| %s | %d | %s | %.2f | %.2f | %.2f | %.2f | %.0f | %d | %d | %d | %s |\n", name, c.Packages, t,
				median(r.Runs, wallOf), median(r.Runs, cpuOf), median(r.Runs, toolOf), median(r.Runs, ownOf), median(r.Runs, runsOf),
				mib(int64(median(r.Runs, rssOf))), mib(int64(median(r.Runs, hwmOf))), mib(int64(median(r.Runs, treeOf))), again)
		}
	}

	ratio := func(a, b *result, f func(sample) float64) string {
		if a == nil || b == nil {
			return "-"
		}
		den := median(b.Runs, f)
		if den == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f", median(a.Runs, f)/den)
	}
	fmt.Fprintf(w, "\nRatios of the medians:\n\n")
	fmt.Fprintln(w, "| corpus | vs | wall | CPU | tools CPU | own pkgs CPU | maxrss | tool peak | tree peak |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, c := range corpora {
		rc := find(c.Name, "rcuvet")
		for _, base := range []string{"floor", "floorssa"} {
			b := find(c.Name, base)
			if rc == nil || b == nil {
				continue
			}
			fmt.Fprintf(w, "| %s | rcuvet/%s | %s | %s | %s | %s | %s | %s | %s |\n", c.Name, base,
				ratio(rc, b, wallOf), ratio(rc, b, cpuOf), ratio(rc, b, toolOf), ratio(rc, b, ownOf),
				ratio(rc, b, rssOf), ratio(rc, b, hwmOf), ratio(rc, b, treeOf))
		}
	}

	// Growth of the generated corpora with their size.
	var gens []*corpus
	for _, c := range corpora {
		if c.Kind == "gen" {
			gens = append(gens, c)
		}
	}
	if len(gens) < 2 {
		return
	}
	base := gens[0]
	fmt.Fprintf(w, "\nGrowth with the size of the generated module, against %s (wall / CPU / own packages' tool CPU):\n\n", base.Name)
	fmt.Fprintln(w, "| corpus | code | floor | floorssa | rcuvet |")
	fmt.Fprintln(w, "| --- | ---: | --- | --- | --- |")
	for _, c := range gens[1:] {
		fmt.Fprintf(w, "| %s/%s | %.2fx |", c.Name, strings.TrimPrefix(base.Name, "gen "), float64(c.Lines)/float64(base.Lines))
		for _, t := range toolNames {
			a, b := find(c.Name, t), find(base.Name, t)
			fmt.Fprintf(w, " %s / %s / %s |", ratio(a, b, wallOf), ratio(a, b, cpuOf), ratio(a, b, ownOf))
		}
		fmt.Fprintln(w)
	}

	// Where rcuvet costs most over floor.
	fmt.Fprintf(w, "\nPackages where rcuvet's tool run costs most over floor's (medians of user+system time):\n\n")
	fmt.Fprintln(w, "| corpus | package | floor s | floorssa s | rcuvet s |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: |")
	for _, c := range corpora {
		rc, fl, fs := find(c.Name, "rcuvet"), find(c.Name, "floor"), find(c.Name, "floorssa")
		if rc == nil || fl == nil || fs == nil {
			continue
		}
		pkgMedian := func(r *result, pkg string) float64 {
			return median(r.Runs, func(s sample) float64 { return s.PerPackage[pkg].Seconds() })
		}
		type row struct {
			pkg        string
			fl, fs, rc float64
		}
		var rows []row
		for pkg := range rc.Runs[0].PerPackage {
			rows = append(rows, row{pkg, pkgMedian(fl, pkg), pkgMedian(fs, pkg), pkgMedian(rc, pkg)})
		}
		slices.SortFunc(rows, func(a, b row) int {
			da, db := a.rc-a.fl, b.rc-b.fl
			switch {
			case da > db:
				return -1
			case da < db:
				return 1
			}
			return strings.Compare(a.pkg, b.pkg)
		})
		for _, r := range rows[:min(5, len(rows))] {
			fmt.Fprintf(w, "| %s | %s | %.2f | %.2f | %.2f |\n", c.Name, r.pkg, r.fl, r.fs, r.rc)
		}
	}
}
