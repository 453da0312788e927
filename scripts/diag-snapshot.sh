#!/usr/bin/env bash
# diag-snapshot.sh: print every diagnostic rcuvet gives (as -json) on the
# fixtures (testdata/src), the examples and the e2e module, with paths made
# relative to the repository. Refactorings of the engine must not change
# this output (diagnostics are listed in position order within each
# package and check, so that the order in which a driver parsed files does
# not show):
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
	(cd "$dir" && "$tool" -json "$@" 2>&1 || true) | sed "s#$root/##g" | python3 -c "$sortjson"
}
# sortjson sorts the diagnostics of each package and check by position.
sortjson='
import json, re, sys
text = sys.stdin.read()
try:
    data = json.loads(text)
except ValueError:
    sys.stdout.write(text); sys.exit()
def key(d):
    f, l, c = (re.match(r"(.*):(\d+):(\d+)$", d["posn"]).groups())
    return (f, int(l), int(c), d["message"])
for pkg in data.values():
    for diags in pkg.values():
        if isinstance(diags, list):
            diags.sort(key=key)
json.dump(data, sys.stdout, indent="\t", sort_keys=True)
print()
'

run testdata/src ./...
run . ./examples/...
run cmd/rcuvet/testdata/e2e ./...
