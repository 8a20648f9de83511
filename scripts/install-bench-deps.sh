#!/usr/bin/env bash
# What `make bench` needs beyond scripts/install-deps.sh: Node.js and npm to run the peer
# engines (bench/peers), and the npm packages pinned in bench/peers/package-lock.json.
# Node.js comes from Debian's packages only when `node` is missing: a machine that has
# Node.js from elsewhere (nodesource, which bundles npm) keeps it, since Debian's npm
# conflicts with nodesource's nodejs. `make test` needs none of this.
# The profiles quoted in bench/RESULTS.md were taken with `perf` (Debian: linux-perf) and
# valgrind's callgrind; `--profilers` installs them when missing. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-bench-deps: missing packages: $*; run as root (or with sudo)" >&2
    exit 1
  fi
  echo "install-bench-deps: installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@"
}

if ! command -v node >/dev/null 2>&1; then
  apt_install nodejs npm
fi

if [ "${1:-}" = "--profilers" ]; then
  missing=()
  command -v perf >/dev/null 2>&1 || missing+=(linux-perf)
  command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
fi

# Exactly the lock file's versions, every time (npm's cache makes a repeat quick).
npm ci --prefix bench/peers --no-audit --no-fund --loglevel=error
