#!/usr/bin/env bash
# Installs Writ's build and test dependencies from Debian's packages. Idempotent: packages
# already present are left alone, and apt is not consulted at all when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake make pkg-config
  python3
  tao-pegtl-dev
  llvm-dev clang libclang-rt-14-dev
  libfmt-dev
  libsqlite3-dev sqlite3
  catch2
  libsimdjson-dev
  libhowardhinnant-date-dev tzdata
  libcli11-dev
  libssl-dev
  zlib1g-dev libzstd-dev libtinfo-dev libxml2-dev libedit-dev libffi-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root (or with sudo)" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
