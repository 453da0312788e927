#!/usr/bin/env bash
# realworld.sh: run rcuvet under go vet on public modules, over every package
# that declares or uses a snapshot slot (atomic.Pointer, atomic.Value, or
# unsafe.Pointer through atomic.LoadPointer and friends), and print every
# report. docs/realworld.md triages what it prints.
#
#   scripts/realworld.sh                       # the modules listed below
#   scripts/realworld.sh google.golang.org/grpc@v1.85.0 ...
#
# It needs the module proxy (each module and its dependencies are
# downloaded into the module cache). Output: one block per module, headed
# "== module@version (N packages)", then go vet's output for those packages.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
fi
export GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=readonly

modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
	modules=(
		google.golang.org/grpc@v1.85.0
		go.etcd.io/etcd/server/v3@v3.7.3
		go.etcd.io/etcd/client/v3@v3.7.3
		github.com/prometheus/prometheus@v0.316.0
		k8s.io/client-go@v0.37.2
		github.com/caddyserver/caddy/v2@v2.11.9
		github.com/containerd/containerd/v2@v2.4.2
		go.opentelemetry.io/otel/sdk@v1.47.0
		github.com/traefik/traefik/v3@v3.7.13
	)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/rcuvet" ./cmd/rcuvet

slot='atomic\.Pointer\[|atomic\.Value\b|atomic\.(Load|Store|Swap|CompareAndSwap)Pointer\('

for m in "${modules[@]}"; do
	dir=$(go mod download -json "$m" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	if [ -z "$dir" ]; then
		echo "== $m: download failed"
		continue
	fi
	# Packages of this module (not of nested modules, testdata or vendor)
	# with a slot in a non-test file.
	pkgs=$(cd "$dir" && { grep -rlE --include='*.go' --exclude='*_test.go' "$slot" . |
		grep -vE '/(testdata|vendor|third_party)/' || true; } |
		xargs -r -n1 dirname | sort -u |
		while read -r d; do
			# skip directories that belong to a nested module
			p=$d
			nested=0
			while [ "$p" != "." ]; do
				if [ -f "$p/go.mod" ]; then nested=1; break; fi
				p=$(dirname "$p")
			done
			if [ $nested -eq 0 ]; then echo "$d"; fi
		done)
	n=$(echo "$pkgs" | grep -c . || true)
	echo "== $m ($n packages)"
	[ "$n" -eq 0 ] && continue
	# shellcheck disable=SC2086
	(cd "$dir" && go vet -vettool="$tmp/rcuvet" $pkgs 2>&1) | grep -vE '^go: (downloading|finding)' || true
done
