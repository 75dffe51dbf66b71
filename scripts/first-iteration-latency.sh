#!/usr/bin/env bash
# Benchmark: how long after launch does the first iteration of a 1-VU test start?
# Prints launch→first-iteration in ms for JIT on and off, RUNS times each (the build must exist: run ./loadtcp version once).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS=${RUNS:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/first.js" <<'JS'
export default function () { console.warn("FIRST_ITERATION_AT " + Date.now()); }
JS
for jit in on off; do
  for i in $(seq "$RUNS"); do
    start=$(date +%s%3N)
    at=$(LOADTCP_JIT=$jit "$ROOT/loadtcp" run "$dir/first.js" --quiet 2>&1 | sed -n 's/.*FIRST_ITERATION_AT \([0-9]*\).*/\1/p')
    echo "JIT $jit run $i: first iteration $((at - start)) ms after launch"
  done
done
