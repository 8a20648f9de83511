#!/usr/bin/env bash
# The BPIC 2013 replay, timed step by step: the adapter (CSV -> JSON lines), the replay with
# its audit trail on disk, and `writ report` on that trail. Each step runs RUNS times (default
# 3) in a fresh process; wall, user and system seconds are printed per run.
# Usage: bench/bpic_bench.sh [CSV_GZ] [RUNS]   (from the repository root, after a build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$root/../shared/data/bpic2013-volvo-incidents.csv.gz}
runs=${2:-3}
writ=$root/build/bin/writ
policy=$root/examples/bpic2013/volvo.writ
if [ ! -f "$data" ]; then
  echo "bpic_bench: $data not found" >&2
  exit 2
fi
if [ ! -x "$writ" ]; then
  echo "bpic_bench: build writ first (cmake --build --preset default --target writ)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TIMEFORMAT='%R s wall, %U s user, %S s sys'

echo "bpic_bench: $(basename "$data"), $runs run(s) per step, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
  echo "run $run"
  rm -f "$work"/trail.db*
  { echo -n "  adapter:        "; time python3 "$root/examples/bpic2013/adapter.py" "$data" > "$work/events.jsonl" 2>/dev/null; } 2>&1
  { echo -n "  replay + audit: "; time "$writ" replay --policy "$policy" --events "$work/events.jsonl" --audit "$work/trail.db" > /dev/null 2>&1; } 2>&1
  { echo -n "  report --json:  "; time "$writ" report "$work/trail.db" --json > /dev/null; } 2>&1
done
echo "trail: $(du -h "$work/trail.db" | cut -f1), $(wc -l < "$work/events.jsonl") events"
