#!/usr/bin/env bash
# diag-snapshot.sh: print every diagnostic rcuvet gives (as -json) on the
# fixtures (testdata/src), the examples and the e2e module, with paths made
# relative to the repository. Refactorings of the engine must not change
# this output:
#
#   scripts/diag-snapshot.sh > before.json   # on the old commit
#   scripts/diag-snapshot.sh > after.json    # on the new one
#   diff before.json after.json
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tool=$(mktemp -d)/rcuvet
trap 'rm -rf "$(dirname "$tool")"' EXIT
go build -o "$tool" ./cmd/rcuvet
run() { # dir patterns...
	local dir=$1; shift
	echo "== $dir"
	(cd "$dir" && "$tool" -json "$@" 2>&1 || true) | sed "s#$root/##g"
}
run testdata/src ./...
run . ./examples/...
run cmd/rcuvet/testdata/e2e ./...
