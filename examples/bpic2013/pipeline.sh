#!/usr/bin/env bash
# The BPIC 2013 check end to end: adapter -> replay with an audit trail -> verify ->
# report --json (and --html) -> check.py, which recomputes the figures from the CSV and
# requires exact agreement. Exit 77 (skipped) when the CSV is not there.
# Usage: pipeline.sh WRIT_BINARY CSV_GZ OUT_DIR   (PYTHON overrides the interpreter)
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: pipeline.sh WRIT_BINARY CSV_GZ OUT_DIR" >&2
  exit 2
fi
writ=$1 data=$2 out=$3
python=${PYTHON:-python3}
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$data" ]; then
  echo "bpic: $data not found (the shared data folder); skipping" >&2
  exit 77
fi
rm -rf "$out"
mkdir -p "$out"
"$python" "$here/adapter.py" "$data" > "$out/events.jsonl"
"$writ" replay --policy "$here/volvo.writ" --events "$out/events.jsonl" --audit "$out/trail.db" > /dev/null
"$writ" audit verify "$out/trail.db"
"$writ" report "$out/trail.db" --json --html "$out/report.html" > "$out/report.json"
"$python" "$here/check.py" "$data" "$out/report.json"
