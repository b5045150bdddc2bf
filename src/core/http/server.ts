// The HTTP server every service uses: /health, /metrics, the envelope with a corrId per request (also on
// that request's log lines), an optional bearer token on /api/* (decided on the matched route, not the raw
// URL: see route-path.ts), body limits, request timeouts, clean 4xx envelopes.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.ts';
import { ApiError, envelope, isReply } from './envelope.ts';
import { runHealthChecks, type HealthCheck } from './health.ts';
import { requestIsUnder } from './route-path.ts';
import { requestTimeouts } from './timeouts.ts';

export interface HttpServerOptions {
  service: string;
  logger: Logger;
  registry?: Registry;
  health?: HealthCheck[];
  /** When set, /api/* requires `Authorization: Bearer <token>`. */
  apiToken?: string | undefined;
  bodyLimitBytes?: number;
  /** A request not fully received within this time is answered 408 (default 30 s). */
  requestTimeoutMs?: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createHttpServer(opts: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'corrId' }),
    bodyLimit: opts.bodyLimitBytes ?? 1024 * 1024,
    genReqId: (req) => {
      const h = req.headers['x-correlation-id'];
      return typeof h === 'string' && UUID_RE.test(h) ? h : randomUUID();
    },
    return503OnClosing: true,
    ...requestTimeouts(opts.requestTimeoutMs),
  });
  const health = opts.health ?? [];

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-correlation-id', req.id);
    if (opts.apiToken && requestIsUnder(req.routeOptions.url, req.url, '/api')) {
      const auth = req.headers.authorization ?? '';
      const m = /^Bearer\s+(.+)$/i.exec(auth);
      if (!m || !tokenMatches(m[1] as string, opts.apiToken)) {
        throw new ApiError(401, 'A valid bearer token is required for /api/*', 40100);
      }
    }
  });

  app.addHook('preSerialization', async (req, reply, payload: unknown) => {
    if (isReply(payload)) return envelope(req.id, payload.data, payload.message);
    if (
      reply.statusCode >= 400 ||
      (typeof payload === 'object' && payload !== null && 'status' in payload && 'data' in payload)
    ) {
      return payload;
    }
    return envelope(req.id, payload);
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.debug(
      { method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    const { status, code, message } = describeError(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ status, code, reason: message, url: req.url }, 'request rejected');
    const data = err instanceof ApiError ? err.data : null;
    return reply.status(status).send(envelope(req.id, data, message, code));
  });

  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .send(envelope(req.id, null, `No route for ${req.method} ${req.url.split('?')[0]}`, 40400)),
  );

  app.get('/health', async (_req, reply) => {
    const report = await runHealthChecks(health);
    void reply.status(report.healthy ? 200 : 503);
    return envelope(
      _req.id,
      { service: opts.service, ...report },
      report.healthy ? 'Healthy' : 'Unhealthy',
      report.healthy ? 0 : 50300,
    );
  });

  if (opts.registry) {
    const registry = opts.registry;
    app.get('/metrics', async (_req, reply) => {
      void reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  }
  return app;
}

function describeError(err: FastifyError | ApiError): { status: number; code: number; message: string } {
  if (err instanceof ApiError) return { status: err.statusCode, code: err.code, message: err.message };
  const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 40001, message: `Malformed JSON body: ${err.message}` };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 41300, message: 'Request body is larger than allowed' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 41500, message: err.message };
    default:
      break;
  }
  if (err.validation) return { status: 400, code: 40002, message: `Invalid request: ${err.message}` };
  if (status >= 500) return { status, code: status * 100, message: 'Internal error' };
  return { status, code: status * 100, message: err.message };
}
