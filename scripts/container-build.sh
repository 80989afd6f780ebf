#!/usr/bin/env bash
# The Dockerfile's build stage, as plain commands (scripts/container-check.sh runs them without Docker):
# a clean install without install scripts (the build needs none, and none may reach the network), the
# build, production dependencies only, then what the package publishes (its `files`), package.json and
# node_modules copied to the release folder given.
set -euo pipefail
release="${1:?usage: container-build.sh <release-dir>}"
npm ci --no-audit --no-fund --ignore-scripts
npm run build
npm prune --omit=dev --no-audit --no-fund
mkdir -p "$release"
# shellcheck disable=SC2046 # one word per entry of package.json's files
cp -R package.json package-lock.json node_modules $(node -p "require('./package.json').files.join(' ')") "$release"/
