# syntax=docker/dockerfile:1
# swarmdesk: `docker build -t swarmdesk .` then `docker compose up` (compose.yaml adds Redis).
# CI runs the same stages without Docker: scripts/container-check.sh.

ARG NODE_IMAGE=node:26-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN bash scripts/container-build.sh /release

FROM ${NODE_IMAGE} AS runtime
# A desk folder in the image (desks/<name> is published with the package), or the demo desk.
ARG SWARM_DESK=demo
# Two malloc arenas instead of one per thread that allocates: about 35 MB less peak RSS under load, at
# no CPU per query the bench could tell apart (docs/deploy.md, Memory).
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=3000 \
    SWARM_DESK=${SWARM_DESK} \
    SWARM_DATA_DIR=/var/lib/swarmdesk
WORKDIR /app
COPY --from=build /release ./
RUN mkdir -p "$SWARM_DATA_DIR" && chown node:node "$SWARM_DATA_DIR"
USER node
# Trains the desk's intent model once, at build time, into the cache under SWARM_DATA_DIR that a start
# reads it from.
RUN node dist/cli/main.js train --desk "$SWARM_DESK"
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself: a graceful drain, then exit 0.
CMD ["node", "dist/cli/main.js", "serve"]
