// Composition: one client per service = one OAuth token, one rate limiter, one keep-alive pool, and the
// area modules on top of them.
import { Agent } from 'undici';
import type { Registry } from 'prom-client';
import { silentLogger, type Logger } from '../core/logger.ts';
import { authorizationArea, type AuthorizationApi } from './areas/authorization.ts';
import type { AreaContext } from './areas/context.ts';
import { conversationsArea, type ConversationsApi } from './areas/conversations.ts';
import { eventsArea, type EventsApi } from './areas/events.ts';
import { presenceArea, type PresenceApi } from './areas/presence.ts';
import { recordingArea, type RecordingApi } from './areas/recording.ts';
import { routingArea, type RoutingApi } from './areas/routing.ts';
import { scimArea, type ScimApi } from './areas/scim.ts';
import { speechAnalyticsArea, type SpeechAnalyticsApi } from './areas/speech-analytics.ts';
import { DEFAULT_LOGIN_BACKOFF, TokenProvider, type LoginStatus } from './auth.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { BULK_LIMITS } from './bulk.ts';
import { createOnce, type CreateOnceOptions } from './create-once.ts';
import { RateLimiter } from './limiter.ts';
import { createCloudMetrics } from './metrics.ts';
import { CloudTransport, type CloudRequest, type CloudResponse } from './transport.ts';
import { Registry as PromRegistry } from 'prom-client';

export interface CloudClientOptions {
  /** API base, e.g. `https://api.mypurecloud.ie` or the emulator's URL. */
  apiUrl: string;
  /** Login base, e.g. `https://login.mypurecloud.ie` (POST {authUrl}/oauth/token). */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per-token budget (default 300, the platform's client-credentials limit). */
  rateLimitPerMinute?: number;
  /** Retries after the first attempt, for 429, 5xx and network errors (default 5). */
  maxRetries?: number;
  logger?: Logger;
  /** Where the exec_cloud_* metrics go (default: a private registry). */
  registry?: Registry;
  /** Per-attempt timeout (default 30 s). */
  fetchTimeoutMs?: number;
  /** Backoff base and cap (default 250 ms, 20 s); tests make them short. */
  backoff?: Partial<BackoffOptions>;
  /** Limiter window (default 61 s: the minute plus a second of slack) and burst (default 5). */
  limiterWindowMs?: number;
  limiterBurst?: number;
  /** Events per Events API call (default 100). */
  eventsBatchLimit?: number;
  /** Keep-alive connections per origin (default 16). */
  connections?: number;
  /** Wait after failed logins: base doubling per failure in a row, up to max (default 1 s, 5 min). */
  loginBackoff?: Partial<BackoffOptions>;
}

export interface CloudClient {
  readonly scim: ScimApi;
  readonly authorization: AuthorizationApi;
  readonly routing: RoutingApi;
  readonly presence: PresenceApi;
  readonly events: EventsApi;
  readonly conversations: ConversationsApi;
  readonly recording: RecordingApi;
  readonly speechAnalytics: SpeechAnalyticsApi;
  /** Any other call, with the same token, limiter, retries and metrics. */
  request<T>(req: CloudRequest): Promise<T>;
  /** The same, with status and headers (e.g. an ETag). */
  send<T>(req: CloudRequest): Promise<CloudResponse<T>>;
  /** Create without duplicates: look up by unique key after an ambiguous failure before creating again. */
  createOnce<T>(opts: CreateOnceOptions<T>): Promise<T>;
  /** Obtains (or reuses) the token: a cheap health check of credentials and reachability. */
  checkLogin(): Promise<void>;
  /** Failed logins in a row and, while backing off, when the next may be tried (for /health). */
  loginStatus(): LoginStatus;
  readonly limiter: RateLimiter;
  /** Closes the keep-alive connections. */
  close(): Promise<void>;
}

export function createCloudClient(opts: CloudClientOptions): CloudClient {
  for (const k of ['apiUrl', 'authUrl', 'clientId', 'clientSecret'] as const) {
    if (!opts[k]) throw new TypeError(`createCloudClient: ${k} is required`);
  }
  const logger = (opts.logger ?? silentLogger()).child({ component: 'cloud-client' });
  const metrics = createCloudMetrics(opts.registry ?? new PromRegistry());
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const maxRetries = opts.maxRetries ?? 5;
  const timeoutMs = opts.fetchTimeoutMs ?? 30_000;
  const dispatcher = new Agent({
    connections: opts.connections ?? 16,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
  });
  const tokens = new TokenProvider({
    authUrl: opts.authUrl,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    dispatcher,
    timeoutMs,
    maxRetries,
    backoff,
    metrics,
    logger,
    loginBackoff: { ...DEFAULT_LOGIN_BACKOFF, ...opts.loginBackoff },
  });
  const limiter = new RateLimiter({
    limit: opts.rateLimitPerMinute ?? 300,
    windowMs: opts.limiterWindowMs ?? 61_000,
    burst: opts.limiterBurst ?? 5,
  });
  const transport = new CloudTransport({
    apiUrl: opts.apiUrl,
    dispatcher,
    tokens,
    limiter,
    metrics,
    logger,
    maxRetries,
    backoff,
    timeoutMs,
  });
  const ctx: AreaContext = {
    transport,
    backoff,
    eventsBatchLimit: opts.eventsBatchLimit ?? BULK_LIMITS.eventsBatch,
  };
  return {
    scim: scimArea(ctx),
    authorization: authorizationArea(ctx),
    routing: routingArea(ctx),
    presence: presenceArea(ctx),
    events: eventsArea(ctx),
    conversations: conversationsArea(ctx),
    recording: recordingArea(ctx),
    speechAnalytics: speechAnalyticsArea(ctx),
    request: (req) => transport.call(req),
    send: (req) => transport.send(req),
    createOnce: (o) => createOnce({ backoff, ...o }),
    async checkLogin() {
      await tokens.get();
    },
    loginStatus: () => tokens.status(),
    limiter,
    close: () => dispatcher.close(),
  };
}
