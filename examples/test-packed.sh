#!/usr/bin/env bash
# Runs every example against the packed package, installed as a user installs it (npm pack, then
# npm install of the tarball in a copy of the example). `npm test` runs this after its own suite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -1)"
for example in "${@:-vitest-ethers vitest-viem}"; do
  for name in $example; do
    echo "examples: $name"
    cp -r "$root/examples/$name" "$work/$name"
    (cd "$work/$name" && npm install --no-audit --no-fund --loglevel=error "$work/$tarball" && npm test)
  done
done
