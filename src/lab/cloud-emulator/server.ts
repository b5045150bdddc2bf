// The thin HTTP shell: fastify with the real API's cross-cutting behaviour (errors as ErrorBody or
// ScimError, correlation ids, bearer tokens, the per-token rate limit, request.bytes.max, injected faults,
// the request audit), then one route file per API area.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { normalisedPath, requestIsUnder } from '../../core/http/route-path.ts';
import { requestTimeouts } from '../../core/http/timeouts.ts';
import type { EmulatorContext } from './context.ts';
import { ApiError, errorBody, scimErrorBody, tooManyRequestsBody } from './errors.ts';
import { authFailure, rateLimitHeaders, takeRequest } from './tokens.ts';
import { registerConsole } from './console/routes.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerAuthorizationRoutes } from './routes/authorization.ts';
import { registerEventsRoutes } from './routes/events.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerPresenceRoutes } from './routes/presence.ts';
import { registerQueueRoutes } from './routes/queues.ts';
import { registerRecordingRoutes } from './routes/recording.ts';
import { registerScimRoutes } from './routes/scim-users.ts';
import { registerSkillRoutes } from './routes/skills.ts';
import { registerStaRoutes } from './routes/sta.ts';
import { registerUploadTarget } from './routes/upload-target.ts';
import { registerRecordingAdmin } from './routes/recordings.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerWrapupCodeRoutes } from './routes/wrapup-codes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    contextId: string;
    startedAt: number;
    dropAfter?: boolean;
    faultName?: string;
    /** Events API: share of the events to fail with `retryable: true` (fault preset). */
    retryableEventRate?: number;
  }
}

// Areas are decided on the matched route (the router decodes `/%61pi/…` to `/api/…`), else on the
// loosest reading of the path, so that no spelling reaches an API route without a token.
const isAdmin = (req: FastifyRequest): boolean => {
  const route = req.routeOptions.url;
  if (route !== undefined) return route === '/' || route.startsWith('/__emulator');
  const path = normalisedPath(req.url);
  return path === '/' || path.startsWith('/__emulator');
};
const isApi = (req: FastifyRequest): boolean => requestIsUnder(req.routeOptions.url, req.url, '/api/v2');
const isScim = (req: FastifyRequest): boolean =>
  requestIsUnder(req.routeOptions.url, req.url, '/api/v2/scim');
const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
};

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  params: Record<string, string> = {},
  scimType?: string,
) {
  if (isScim(req))
    return reply
      .code(status)
      .type('application/scim+json')
      .send(scimErrorBody(status, message, scimType));
  return reply.code(status).send(errorBody(status, code, message, req.contextId, params));
}

export function buildServer(ctx: EmulatorContext): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: ctx.settings.requestBytesMax,
    forceCloseConnections: true,
    // Recording uploads are the largest bodies: a minute, not the services' 30 s.
    ...requestTimeouts(60_000),
  });
  app.decorateRequest('contextId', '');
  app.decorateRequest('startedAt', 0);

  app.addContentTypeParser(['application/scim+json'], { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.addHook('onRequest', async (req, reply) => {
    req.contextId = randomUUID();
    req.startedAt = performance.now();
    void reply.header('ININ-Correlation-Id', req.contextId);
    if (isAdmin(req)) return;
    const path = pathOf(req.url);
    const d = ctx.faults.decide(req.method, path);
    if (d.latencyMs) await new Promise((r) => setTimeout(r, d.latencyMs));
    switch (d.action.kind) {
      case 'tooMany':
        req.faultName = '429';
        return reply
          .code(429)
          .header('Retry-After', String(d.action.retryAfterSeconds))
          .send(tooManyRequestsBody(d.action.retryAfterSeconds, req.contextId));
      case 'error':
        req.faultName = 'error';
        return sendError(
          req,
          reply,
          d.action.status,
          d.action.status >= 500 ? 'internal.server.error' : 'bad.request',
          `Injected fault: HTTP ${d.action.status}`,
        );
      case 'drop':
      case 'timeout': {
        if (d.action.kind === 'timeout') {
          const ms = d.action.ms;
          // unref: a hung request must not keep a stopped emulator's process alive
          await new Promise((r) => setTimeout(r, ms).unref());
        }
        ctx.audit.request({
          method: req.method,
          path,
          status: 0,
          at: new Date().toISOString(),
          ms: 0,
          fault: d.action.kind,
        });
        req.raw.socket.destroy();
        return reply.hijack();
      }
      case 'dropAfter':
        req.dropAfter = true;
        break;
      case 'conflict':
        req.faultName = 'conflict';
        return sendError(
          req,
          reply,
          409,
          'general.conflict',
          'Resource conflict - Unexpected version was provided: the version does not match the current version',
          {},
          'invalidVers',
        );
      case 'expireToken':
        req.faultName = 'expireToken';
        ctx.tokens.expire(req.headers.authorization);
        break;
      default:
        break;
    }
    if (d.retryableEventRate) req.retryableEventRate = d.retryableEventRate;
    if (!isApi(req)) return;
    const check = ctx.tokens.check(req.headers.authorization);
    if (!check.ok) {
      const failure = authFailure(check.reason);
      return sendError(req, reply, 401, failure.code, failure.message);
    }
    const limit = ctx.settings.rateLimitPerMinute;
    if (limit !== 'off') {
      const now = Date.now();
      const wait = takeRequest(check.record, limit, now);
      void reply.headers(rateLimitHeaders(check.record, limit, now));
      if (wait > 0)
        return reply
          .code(429)
          .header('Retry-After', String(wait))
          .send(tooManyRequestsBody(wait, req.contextId));
    }
  });

  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.dropAfter) {
      ctx.audit.request({
        method: req.method,
        path: pathOf(req.url),
        status: 0,
        at: new Date().toISOString(),
        ms: 0,
        fault: 'dropAfter',
      });
      req.raw.socket.destroy();
    }
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (isAdmin(req) || req.dropAfter) return;
    if (req.method !== 'GET' && reply.statusCode < 300) ctx.touch();
    const r: Parameters<typeof ctx.audit.request>[0] = {
      method: req.method,
      path: pathOf(req.url),
      status: reply.statusCode,
      at: new Date().toISOString(),
      ms: Math.round((performance.now() - req.startedAt) * 10) / 10,
    };
    if (req.faultName) r.fault = req.faultName;
    ctx.audit.request(r);
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof ApiError)
      return sendError(req, reply, err.status, err.code, err.message, err.messageParams, err.scimType);
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendError(
        req,
        reply,
        413,
        'request.entity.too.large',
        `The request is larger than request.bytes.max (${ctx.settings.requestBytesMax} bytes)`,
        {},
        'tooLarge',
      );
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(
        req,
        reply,
        415,
        'unsupported.media.type',
        `Unsupported Content-Type: ${req.headers['content-type'] ?? 'none'}`,
      );
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
      return sendError(
        req,
        reply,
        e.statusCode,
        'bad.request',
        `The request could not be understood by the server due to malformed syntax: ${e.message ?? ''}`,
        {},
        'invalidSyntax',
      );
    ctx.logger.error({ err }, 'cloud emulator: unexpected error');
    return sendError(
      req,
      reply,
      500,
      'internal.server.error',
      'The server encountered an unexpected condition.',
    );
  });

  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, 404, 'not.found', `HTTP 404 Not Found: ${req.method} ${pathOf(req.url)}`),
  );

  registerOAuthRoutes(app, ctx);
  registerScimRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerAuthorizationRoutes(app, ctx);
  registerSkillRoutes(app, ctx);
  registerQueueRoutes(app, ctx);
  registerWrapupCodeRoutes(app, ctx);
  registerPresenceRoutes(app, ctx);
  registerEventsRoutes(app, ctx);
  registerRecordingRoutes(app, ctx);
  registerStaRoutes(app, ctx);
  registerUploadTarget(app, ctx);
  registerRecordingAdmin(app, ctx);
  registerAdminRoutes(app, ctx);
  registerConsole(app, ctx);
  return app;
}
