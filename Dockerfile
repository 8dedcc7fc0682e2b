# The image of `rampart serve` (deploy/helm/rampart): Node.js 20 on Debian, the compiled sources,
# the committed policy.wasm and the production dependencies. It runs as an unprivileged user
# (10001) and needs no writable root filesystem: the history lives in /var/lib/rampart (a volume)
# and nothing else is written but /tmp.
#
#   docker build -t rampart:0.1.0 .
#   docker run --read-only --tmpfs /tmp -v rampart-history:/var/lib/rampart \
#     -v "$PWD/token:/var/run/secrets/rampart/token:ro" -v "$PWD/manifests:/scan:ro" -p 8080:8080 \
#     rampart:0.1.0 serve /scan --listen 0.0.0.0:8080 --token-file /var/run/secrets/rampart/token

FROM node:20-bookworm-slim AS build
# better-sqlite3 is compiled from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
# The TypeScript is compiled below, once the sources are there (prepare would run too early).
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json ./
COPY bin ./bin
COPY compiler ./compiler
COPY dsl ./dsl
COPY frameworks ./frameworks
COPY runtime ./runtime
COPY scripts ./scripts
COPY generated ./generated
# dist/: the compiled sources and the bundle bin/rampart.js runs (scripts/bundle.ts).
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /opt/rampart
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/bin ./bin
COPY --from=build /src/generated ./generated
# The catalogue of control facts, read at run time.
COPY --from=build /src/frameworks/catalog ./frameworks/catalog
RUN ln -s /opt/rampart/bin/rampart.js /usr/local/bin/rampart \
  && mkdir -p /var/lib/rampart && chown 10001:10001 /var/lib/rampart
USER 10001:10001
VOLUME /var/lib/rampart
EXPOSE 8080
ENTRYPOINT ["node", "/opt/rampart/bin/rampart.js"]
CMD ["serve", "--listen", "0.0.0.0:8080", "--db", "/var/lib/rampart/history.db", "--token-file", "/var/run/secrets/rampart/token"]
