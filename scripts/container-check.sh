#!/usr/bin/env bash
# CI without a container engine: the Dockerfile's stages as plain commands, so it cannot rot unseen.
# Copies the build context (what git tracks or would track, as .dockerignore leaves it), runs the build
# stage's script, then the runtime stage's model training and start as the image does, and waits for
# /readyz.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/context"
git ls-files --cached --others --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$work/context"
(cd "$work/context" && bash scripts/container-build.sh "$work/release")

cd "$work/release"
export NODE_ENV=production MALLOC_ARENA_MAX=2 SWARM_DESK=demo SWARM_DATA_DIR="$work/data" LOG_LEVEL=warn
# The image's build-time training of the desk's model into the cache.
node dist/cli/main.js train --desk "$SWARM_DESK"
port="$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
HOST=127.0.0.1 PORT="$port" node dist/cli/main.js serve &
server=$!
for _ in $(seq 1 60); do
  if node -e "fetch('http://127.0.0.1:$port/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    echo "container stages: built, pruned to production dependencies, ready on /readyz"
    exit 0
  fi
  sleep 1
done
echo "container stages: the built server did not become ready within 60 s" >&2
exit 1
