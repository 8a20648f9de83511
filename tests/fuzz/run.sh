#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs one for a bounded time over its corpus:
# `check` (the default) fuzzes `writ check`'s front end over tests/corpus/check, `decode` the
# event decoder over tests/corpus/decode. New inputs go to a scratch folder, never into the
# repository; a crash leaves its input in build-fuzz/artifacts/ and fails the run.
# Usage: run.sh [SECONDS] [check|decode]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-${WRIT_FUZZ_SECONDS:-60}}"
target="${2:-check}"
case "$target" in
  check) corpus=(tests/corpus/check tests/fixtures/language); max_len=65536 ;;
  decode) corpus=(tests/corpus/decode); max_len=4096 ;;
  *) echo "run.sh: unknown target '$target' (check or decode)" >&2; exit 2 ;;
esac
cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" >/dev/null
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p build-fuzz/artifacts
"./build-fuzz/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/ \
  "$scratch" "${corpus[@]}"
