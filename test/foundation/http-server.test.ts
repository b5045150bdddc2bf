import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { ApiError, Reply } from '../../src/core/http/envelope.ts';
import { createHttpServer } from '../../src/core/http/server.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createMetricsRegistry } from '../../src/core/metrics.ts';
import { storeHealthCheck } from '../../src/store/index.ts';
import { createRedisClient, RedisStore } from '../../src/store/redis.ts';
import { freePort, startRedisServer, testKeyPrefix, until } from '../harness/index.ts';
import { CapturedLines } from './capture.ts';

interface Env {
  status: { code: number; message: string; corrId: string };
  data: unknown;
}

async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  headers: Record<string, string> = {},
) {
  const res = await request(base + path, {
    method,
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: (text.startsWith('{') ? JSON.parse(text) : null) as Env,
  };
}

describe('HTTP server factory', () => {
  let app: FastifyInstance;
  let base: string;
  const logs = new CapturedLines();

  before(async () => {
    const logger = await createLogger({
      service: 'test',
      settings: { consoleLevel: 'DEBUG' },
      destination: logs,
    });
    app = createHttpServer({
      service: 'test',
      logger,
      registry: createMetricsRegistry('test'),
      apiToken: 'the-token',
      bodyLimitBytes: 1024,
    });
    app.post('/echo', async (req) => ({ got: req.body }));
    app.get('/api/v1/thing', async (req) => {
      req.log.info('handling thing');
      return new Reply({ thing: 1 }, 'Thing found');
    });
    app.get('/api/v1/missing', async () => {
      throw new ApiError(404, 'CallUUID not found', 40402);
    });
    app.get('/boom', async () => {
      throw new Error('internal detail');
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => app.close());

  it('wraps answers in the envelope with a corrId', async () => {
    const r = await call(base, 'POST', '/echo', JSON.stringify({ a: 1 }));
    assert.equal(r.status, 200);
    assert.equal(r.json.status.code, 0);
    assert.match(r.json.status.corrId, /^[0-9a-f-]{36}$/);
    assert.equal(r.headers['x-correlation-id'], r.json.status.corrId);
    assert.deepEqual(r.json.data, { got: { a: 1 } });
  });

  it('answers a malformed JSON body with a 400 envelope and keeps serving', async () => {
    const bad = await call(base, 'POST', '/echo', '{"a": ');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.status.code, 40001);
    assert.match(bad.json.status.message, /Malformed JSON/);
    const big = await call(base, 'POST', '/echo', JSON.stringify({ pad: 'x'.repeat(5000) }));
    assert.equal(big.status, 413);
    assert.equal(big.json.status.code, 41300);
    const good = await call(base, 'POST', '/echo', '{"b":2}');
    assert.equal(good.status, 200);
  });

  it('requires the bearer token on /api/* only', async () => {
    const none = await call(base, 'GET', '/api/v1/thing');
    assert.equal(none.status, 401);
    assert.equal(none.json.status.code, 40100);
    const wrong = await call(base, 'GET', '/api/v1/thing', undefined, { authorization: 'Bearer nope' });
    assert.equal(wrong.status, 401);
    const ok = await call(base, 'GET', '/api/v1/thing', undefined, { authorization: 'Bearer the-token' });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.status.message, 'Thing found');
    assert.deepEqual(ok.json.data, { thing: 1 });
    const health = await call(base, 'GET', '/health');
    assert.equal(health.status, 200);
  });

  it('carries the corrId of a request on its log lines', async () => {
    const corrId = '0f0e0d0c-0b0a-4909-8807-060504030201';
    await call(base, 'GET', '/api/v1/thing', undefined, {
      authorization: 'Bearer the-token',
      'x-correlation-id': corrId,
    });
    const line = logs.json().find((l) => l.msg === 'handling thing' && l.corrId === corrId);
    assert.ok(line, 'log line with the corrId');
  });

  it('answers typed errors with their five-digit code, and hides internal details', async () => {
    const nf = await call(base, 'GET', '/api/v1/missing', undefined, { authorization: 'Bearer the-token' });
    assert.equal(nf.status, 404);
    assert.equal(nf.json.status.code, 40402);
    assert.equal(nf.json.status.message, 'CallUUID not found');
    const boom = await call(base, 'GET', '/boom');
    assert.equal(boom.status, 500);
    assert.equal(boom.json.status.code, 50000);
    assert.ok(!boom.text.includes('internal detail'));
    const route = await call(base, 'GET', '/nowhere');
    assert.equal(route.status, 404);
    assert.equal(route.json.status.code, 40400);
  });

  it('serves Prometheus metrics named exec_*', async () => {
    const r = await call(base, 'GET', '/metrics');
    assert.equal(r.status, 200);
    assert.match(r.text, /^exec_process_cpu_user_seconds_total/m);
    assert.ok(!/^process_/m.test(r.text));
  });
});

describe('/health with a real Redis dependency', () => {
  it('turns 503 when Redis is stopped and 200 when it is back', async () => {
    const port = await freePort();
    let redis = await startRedisServer(port);
    const store = new RedisStore(createRedisClient(redis.url), testKeyPrefix('health'));
    const logger = await createLogger({ service: 'test', settings: { consoleLevel: 'OFF' } });
    const app = createHttpServer({ service: 'test', logger, health: [storeHealthCheck(store)] });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const waitFor = (status: number): Promise<Env> =>
      until(
        `/health to answer ${status}`,
        async () => {
          const r = await call(base, 'GET', '/health');
          return r.status === status ? r.json : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      );
    try {
      const up = await waitFor(200);
      assert.deepEqual(
        (up.data as { dependencies: Record<string, { status: string }> }).dependencies.redis?.status,
        'UP',
      );
      await redis.stop();
      const down = await waitFor(503);
      assert.equal(down.status.code, 50300);
      assert.equal(
        (down.data as { dependencies: Record<string, { status: string }> }).dependencies.redis?.status,
        'DOWN',
      );
      redis = await startRedisServer(port);
      await waitFor(200);
    } finally {
      await app.close();
      await store.close();
      await redis.stop();
    }
  });
});
