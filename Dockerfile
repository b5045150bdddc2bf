# One image for every service, tagged per service: docker build -t <EXEC_DOCKER_REPOSITORY>/<svc>:<TAG> .
# The entrypoint is `exec-connector run`; the compose files (deploy/compose/) pass the service and flags.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY --from=build /app/dist ./dist
# The seeds' log folder (LOG_FILE_PATH defaults to /rup/logs/ccerp.log), mounted from
# EXEC_HOST_LOGS_VOLUME_PATH; pino-roll rotates the files in it.
RUN mkdir -p /rup/logs && chown node:node /rup/logs
USER node
# EXEC_HEALTH_URL is set per service by the compose file (the port differs per service and pair).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch(process.env.EXEC_HEALTH_URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "/app/bin/exec-connector.js", "run"]
CMD ["excs"]
