# syntax=docker/dockerfile:1
# Production image for the barnekoordinator case service: compiled JavaScript (npm run build:
# tsc to dist/, the prebuilt workflow bundle, the web app when the project has one) on Node 24
# LTS, as the unprivileged node user. One image, three processes:
#   API (default):  node dist/api/server.js
#   worker:         node dist/worker/main.js      (docker-compose.yml overrides the command)
#   migrations:     node dist/scripts/migrate.js
# The worker loads dist/workflow-bundle.js (WORKFLOW_BUNDLE_PATH), so it starts without webpack.

ARG NODE_IMAGE=node:24.11.1-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# The root postinstall (scripts/install-temporal.mjs) would fetch the Temporal CLI for the local
# dev server (and install-tools.mjs and install-verapdf.mjs the tests' tools); production talks to a real
# Temporal service.
ENV TEMPORAL_SKIP_INSTALL=1

# --- Build: every dependency (TypeScript, webpack), then the compiled output in dist/.
FROM base AS build
COPY package.json package-lock.json .npmrc ./
COPY scripts/install-temporal.mjs scripts/install-tools.mjs scripts/pip-tools.mjs scripts/install-verapdf.mjs scripts/maven-tools.mjs ./scripts/
RUN npm ci && npm cache clean --force
COPY . .
# web/dist exists afterwards even in a checkout without the web app, for the COPY below.
RUN npm run build && mkdir -p web/dist

# --- Dependencies: production only.
FROM base AS deps
COPY package.json package-lock.json .npmrc ./
COPY scripts/install-temporal.mjs scripts/install-tools.mjs scripts/pip-tools.mjs scripts/install-verapdf.mjs scripts/maven-tools.mjs ./scripts/
RUN npm ci --omit=dev && npm cache clean --force
# The Temporal core bridge ships native libraries for five platforms (~140 MB); keep this one's.
RUN target="$(uname -m)-unknown-linux-gnu" \
 && test -d "node_modules/@temporalio/core-bridge/releases/$target" \
 && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 ! -name "$target" -exec rm -rf {} +

# --- Runtime: dependencies and compiled code, owned by root and read-only to the service user.
FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
# The image's node user, by number so that a runtime can tell it is not root.
USER 1000:1000
EXPOSE 3000
# The API's liveness; the worker's service overrides it (docker-compose.yml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/api/server.js"]
