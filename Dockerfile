# syntax=docker/dockerfile:1
# Production image for the barnekoordinator case service. One image, two processes:
#   API (default):  node --import tsx api/server.ts
#   worker:         node --import tsx worker/main.ts   (docker-compose.yml overrides the command)
#   migrations:     node --import tsx scripts/migrate.ts
# TypeScript runs through tsx (a runtime dependency), so there is no build step.

FROM node:20-bookworm-slim AS base
WORKDIR /app

# --- Dependencies: production only. The root postinstall (scripts/install-temporal.mjs) would
# fetch the Temporal CLI for the local dev server; production talks to a real Temporal service.
FROM base AS deps
ENV TEMPORAL_SKIP_INSTALL=1
COPY package.json package-lock.json .npmrc ./
COPY scripts/install-temporal.mjs ./scripts/
RUN npm ci --omit=dev && npm cache clean --force
# The Temporal core bridge ships native libraries for five platforms (~140 MB); keep this one's.
RUN target="$(uname -m)-unknown-linux-gnu" \
 && test -d "node_modules/@temporalio/core-bridge/releases/$target" \
 && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 ! -name "$target" -exec rm -rf {} +

# --- Runtime: dependencies and source, owned by root and read-only to the service user.
FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY worker ./worker
COPY db ./db
COPY lib ./lib
COPY scripts ./scripts
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "api/server.ts"]
