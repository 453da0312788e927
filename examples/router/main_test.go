package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	var out strings.Builder
	cfg := config{Duration: 300 * time.Millisecond, Clients: 4, Addr: "127.0.0.1:0"}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := run(ctx, cfg, &out)
	summary := out.String()
	if err != nil {
		t.Errorf("run: %v\noutput:\n%s", err, summary)
	}
	t.Logf("summary:\n%s", summary)

	// number returns the integer that the summary has where re's group is.
	number := func(re string) int {
		t.Helper()
		m := regexp.MustCompile(re).FindStringSubmatch(summary)
		if m == nil {
			t.Fatalf("summary does not match %q", re)
		}
		n, err := strconv.Atoi(m[1])
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := number(`(\d+) requests served`); n == 0 {
		t.Error("no requests served")
	}
	if n := number(`(\d+) failed`); n != 0 {
		t.Errorf("%d requests failed", n)
	}
	if n := number(`route reloads: (\d+)`); n == 0 {
		t.Error("no route reload")
	}
	loads, unloads := number(`(\d+) loads`), number(`(\d+) unloads`)
	if loads == 0 || unloads == 0 {
		t.Errorf("%d filter loads, %d unloads; want some of each", loads, unloads)
	}
	if loads != unloads {
		t.Errorf("%d filter loads but %d unloads: every module must be unloaded at the end", loads, unloads)
	}
	// Each filter is in its own package, so Unload of one never takes
	// another filter's queued callbacks for its own.
	if n := number(`(\d+) with pending callbacks`); n != 0 {
		t.Errorf("%d Unloads returned ErrPendingCallbacks", n)
	}
	if n := number(`RCU callbacks run: (\d+)`); n == 0 {
		t.Error("no RCU callback ran")
	}
	// Every 429 counted by a request was also counted by a rate limiter,
	// which reports its count at Exit after a grace period: equal counts
	// show that the grace period waited for every reader still inside the
	// limiter.
	if got, want := number(`rate limiter: (\d+) requests rejected`), routeCount(t, summary, "(429)"); got != want {
		t.Errorf("rate limiter reported %d rejections, requests saw %d", got, want)
	}
	if mods := loadedFilters(); len(mods) != 0 {
		t.Errorf("modules still loaded after run: %v", mods)
	}
}

// routeCount returns the count of route name in the summary's per-route
// line, 0 if it is not there.
func routeCount(t *testing.T, summary, name string) int {
	t.Helper()
	m := regexp.MustCompile(`per route: (.*)`).FindStringSubmatch(summary)
	if m == nil {
		t.Fatal("summary has no per-route line")
	}
	for _, f := range strings.Fields(m[1]) {
		if k, v, ok := strings.Cut(f, "="); ok && k == name {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	return 0
}

func TestRunRejectsNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "localhost"} {
		cfg := config{Duration: time.Millisecond, Clients: 1, Addr: addr}
		if err := run(context.Background(), cfg, new(strings.Builder)); err == nil {
			t.Errorf("run with -addr %q: no error", addr)
		}
	}
}
