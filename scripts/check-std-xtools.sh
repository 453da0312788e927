#!/usr/bin/env bash
# check-std-xtools.sh: run rcuvet over the whole standard library and over
# golang.org/x/tools, which must give no finding, no error and no output.
#
#   scripts/check-std-xtools.sh            # both as they are, then both with the engine forced on
#   RCUVET_CHECK_ENGINE=0 scripts/...      # skip the forced-engine runs
#
# No package of either can reach rcuapi, so as they are, only the directive
# reader and the blocking analysis have work to do. The forced-engine runs
# add to every package (of a copy of GOROOT, and of a copy of x/tools) a
# file that declares an acquire and a release function, used by nothing,
# which makes the SSA engine analyse every function; they too must report
# nothing.
#
# It needs the module proxy, or a module cache that already holds
# golang.org/x/tools v0.51.0 and its dependencies (GOPROXY=off then works
# offline). It prints the time each run took.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
fi
export GOWORK=off GOTOOLCHAIN=local
xtools_version=v0.51.0

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

echo "building rcuvet"
go build -o "$tmp/rcuvet" ./cmd/rcuvet

failed=0

# check NAME DIR ARGS...: run rcuvet -q in DIR (no summary line); it must
# exit 0 and print nothing. $goroot, if set, is the GOROOT to use.
goroot=
check() {
	local name=$1 dir=$2
	shift 2
	local start out code=0
	start=$(now)
	if [ -n "$goroot" ]; then
		out=$(cd "$dir" && GOROOT="$goroot" PATH="$goroot/bin:$PATH" "$tmp/rcuvet" -q "$@" 2>&1) || code=$?
	else
		out=$(cd "$dir" && "$tmp/rcuvet" -q "$@" 2>&1) || code=$?
	fi
	if [ "$code" -ne 0 ] || [ -n "$out" ]; then
		echo "FAIL $name: rcuvet $* exited $code after $(elapsed "$start") with output:"
		printf '%s\n' "$out" | head -n 200
		failed=1
	else
		echo "ok   $name: rcuvet $* ($(elapsed "$start"))"
	fi
}

# engine_file DIR NAME: add to package NAME in DIR a file that makes the
# engine analyse the package.
engine_file() {
	printf '%s\n' \
		"package $2" \
		"" \
		"// rcuvetEngineSection is a read-side section, for rcuvet's check-std-xtools.sh." \
		"type rcuvetEngineSection struct{ _ [0]func() }" \
		"" \
		"// rcuvetEngineAcquire begins a section." \
		"//" \
		"//rcu:acquire classic" \
		"func rcuvetEngineAcquire() rcuvetEngineSection { return rcuvetEngineSection{} }" \
		"" \
		"// rcuvetEngineRelease ends a section." \
		"//" \
		"//rcu:release classic s" \
		"func rcuvetEngineRelease(s rcuvetEngineSection) {}" \
		>"$1/zz_rcuvet_engine.go"
}

# The standard library, tests included, from a directory outside any module.
mkdir -p "$tmp/std"
check std "$tmp/std" std

# golang.org/x/tools, without its tests (they need modules of their own).
mkdir -p "$tmp/xtools"
printf 'module example.com/xtools\n\ngo 1.26.0\n' >"$tmp/xtools/go.mod"
if ! out=$(cd "$tmp/xtools" && go get "golang.org/x/tools/...@$xtools_version" 2>&1); then
	echo "FAIL go get golang.org/x/tools/...@$xtools_version (it needs the module proxy or a warm module cache):"
	printf '%s\n' "$out"
	exit 1
fi
check x/tools "$tmp/xtools" -test=false "golang.org/x/tools/..."

if [ "${RCUVET_CHECK_ENGINE:-1}" != 0 ]; then
	# The standard library, in a copy of GOROOT.
	goroot="$tmp/goroot"
	cp -r "$(go env GOROOT)" "$goroot"
	chmod -R u+w "$goroot"
	(cd "$tmp/std" && GOROOT="$goroot" PATH="$goroot/bin:$PATH" go list -e -f '{{.Dir}} {{.Name}}' std) |
		while read -r dir name; do
			case "$name" in "" | unsafe) continue ;; esac
			engine_file "$dir" "$name"
		done
	check "std with the engine" "$tmp/std" std
	goroot=

	# golang.org/x/tools, as a module of its own: its packages, not those
	# of its nested modules (gopls, ...).
	src=$(cd "$tmp/xtools" && go list -m -f '{{.Dir}}' golang.org/x/tools)
	mod="$tmp/xtools-engine"
	cp -r "$src" "$mod"
	chmod -R u+w "$mod"
	(cd "$mod" && go list -e -f '{{.Dir}} {{.Name}}' ./...) | while read -r dir name; do
		[ -z "$name" ] && continue
		engine_file "$dir" "$name"
	done
	check "x/tools with the engine" "$mod" -test=false ./...
fi

if [ "$failed" -ne 0 ]; then
	exit 1
fi
echo "all clean (rcuvet at $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
