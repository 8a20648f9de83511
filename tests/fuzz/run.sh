#!/usr/bin/env bash
# Builds the libFuzzer target with clang and runs it for a bounded time over the corpus in
# tests/corpus/check. New inputs go to a scratch folder, never into the repository; a crash
# leaves its input in build-fuzz/artifacts/ and fails the run. Usage: run.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-${WRIT_FUZZ_SECONDS:-60}}"
cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" >/dev/null
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p build-fuzz/artifacts
./build-fuzz/bin/fuzz_check -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/ \
  "$scratch" tests/corpus/check tests/fixtures/language
