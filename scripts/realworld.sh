#!/usr/bin/env bash
# realworld.sh: run rcuvet under go vet on every package of public modules
# (with their tests), and print every report. docs/realworld.md triages
# what it prints.
#
#   scripts/realworld.sh                       # the modules listed below
#   scripts/realworld.sh google.golang.org/grpc@v1.85.0 ...
#
# It needs the module proxy: each module is required from a scratch
# module (so that its own replace directives, which point at sibling
# directories, do not apply), and its dependencies are downloaded into the
# module cache. Output: one block per module, headed "== module@version
# (N packages)", then go vet's output, file names relative to the module.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
fi
export GOWORK=off GOTOOLCHAIN=local

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
		go.opentelemetry.io/otel@v1.47.0
		go.opentelemetry.io/otel/sdk@v1.47.0
		github.com/nats-io/nats-server/v2@v2.15.2
		github.com/twmb/franz-go@v1.22.3
		github.com/IBM/sarama@v1.61.1
		github.com/redis/go-redis/v9@v9.23.0
		github.com/jackc/pgx/v5@v5.12.0
		github.com/dgraph-io/badger/v4@v4.9.6
		go.uber.org/zap@v1.28.0
		github.com/valyala/fasthttp@v1.78.0
		github.com/ethereum/go-ethereum@v1.17.10
		github.com/cockroachdb/pebble/v2@v2.1.7
		github.com/cockroachdb/pebble@v1.1.5
	)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/rcuvet" ./cmd/rcuvet

for m in "${modules[@]}"; do
	path=${m%@*}
	# A scratch module that requires m: m's own replace directives (etcd
	# points at sibling directories) do not apply to it there.
	work="$tmp/work"
	rm -rf "$work" && mkdir -p "$work"
	(cd "$work" && go mod init rcuvet.example/realworld >/dev/null 2>&1 && GOFLAGS=-mod=mod go get "$m" >/dev/null 2>&1) || {
		echo "== $m: go get failed"
		continue
	}
	dir=$(cd "$work" && go list -m -f '{{.Dir}}' "$path")
	n=$(cd "$work" && GOFLAGS=-mod=mod go list "$path/..." 2>/dev/null | grep -c . || true)
	echo "== $m ($n packages)"
	# -mod=mod: go vet adds what the packages' tests need to the scratch
	# module. Paths are printed relative to the module's directory.
	(cd "$work" && GOFLAGS=-mod=mod go vet -vettool="$tmp/rcuvet" "$path/..." 2>&1) |
		grep -vE '^go: (downloading|finding|added|upgraded)' | sed "s|$dir/||" || true
done
