// Hostile input for the fuzz test (test/security/fuzz.test.ts, short) and its long run
// (`npm run bench -- fuzz [count]`): malformed HTTP requests at a running service, a hostile Stat Server
// on the link, malformed T-Lib log blocks at the log reader. Every generator is seeded, so a failure is
// reproduced by its seed. Each run returns what it threw and what came back; the callers assert that
// nothing crashed, every bad input was reported once (or counted), and nothing valid was lost.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Pool } from 'undici';
import type { Logger } from '../../src/core/logger.ts';
import { requestIsUnder } from '../../src/core/http/route-path.ts';
import { StatLinkClient } from '../../src/engage/statserver/link-client.ts';
import { LineDecoder, parseClientMessage } from '../../src/engage/statserver/protocol.ts';
import { TlibLogReader } from '../../src/engage/tlib/logreader/reader.ts';
import { seededRandom } from '../../src/lab/cloud-emulator/events/order.ts';

/** The emulator's seeded generator (mulberry32): the same seed gives the same run. */
export const rng = seededRandom;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const junk = (r: () => number, n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(Math.floor(r() * 0x3000))).join('');

// ---------------------------------------------------------------- HTTP

export interface HttpFuzzResult {
  requests: number;
  raw: number;
  byStatus: Record<string, number>;
  /** 5xx answers, and answers that served an /api route to a caller without the token. */
  problems: string[];
}

const PATHS = [
  '/api/v1/settings/agent_state_sync',
  '/api/v1/settings/general',
  '/api/v1/settings/%2e%2e',
  '/api/v1/mappings/users',
  '/api/v1/mappings/queues',
  '/api/v1/mappings/extensions',
  '/api/v1/mappings/source',
  '/api/v1/preflight',
  '/api/v1/plan',
  '/%61pi/v1/settings/agent_state_sync',
  '/ap%69/v1/mappings/users',
  '/%61%70%69/v1/plan',
  '//api/v1/settings/general',
  '/API/v1/settings/general',
  '/api//v1/mappings/users',
  '/api/v1/mappings/users/../../settings/general',
  '/api/v1/mappings/%zz',
  '/api/v1/mappings/users%00',
  '/status',
  '/health',
  '/metrics',
  '/',
  '/nowhere',
  '/%',
  '/api',
];
const QUERIES = [
  '',
  '?dbid=abc',
  '?dbid=1001',
  '?dbid=1&dbid=2',
  '?userName=%ff%fe',
  '?number=VQ&switch=',
  '?full=true',
  '?' + 'a=1&'.repeat(500),
  '?employeeId[]=x',
  '?__proto__=1',
];
const BODIES = [
  undefined,
  '{',
  '{"a":',
  'null',
  '[]',
  '{"__proto__":{"x":1}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
];

function hostileRequest(r: () => number, token: string) {
  const method = pick(r, ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  let path = pick(r, PATHS) + pick(r, QUERIES);
  if (r() < 0.05) path = '/' + encodeURIComponent(junk(r, 50));
  if (r() < 0.01) path = '/api/' + 'x'.repeat(20_000);
  const withToken = r() < 0.2;
  const headers: Record<string, string> = {};
  if (withToken) headers.authorization = `Bearer ${token}`;
  else if (r() < 0.5)
    headers.authorization = pick(r, [
      'Bearer',
      'Bearer ',
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      `Basic ${Buffer.from(`x:${token}`).toString('base64')}`,
      `bearer  ${token.toUpperCase()}`,
      'Bearer ' + 'A'.repeat(5000),
      `Token ${token}`,
    ]);
  if (r() < 0.3) headers['x-correlation-id'] = pick(r, ['nope', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '']);
  let body = pick(r, BODIES);
  if (r() < 0.02) body = JSON.stringify({ pad: 'x'.repeat(1_100_000) });
  if (r() < 0.05) body = junk(r, 200);
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) body = undefined;
  if (body !== undefined)
    headers['content-type'] = pick(r, [
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]);
  return { method, path, headers, body, withToken };
}

const RAW_REQUESTS = [
  'GET /api/v1/settings/general HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  'GET /api/v1/settings/general HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  'POST /api/v1/plan HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef',
  'GET /%61pi/v1/settings/agent_state_sync HTTP/1.0\r\n\r\n',
  'GET //api/v1/settings/agent_state_sync HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /api/v1/settings/agent_state_sync HTTP/9.9\r\nHost: x\r\n\r\n',
  'BREW /api/v1/plan HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /api/v1/plan HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n',
  'GET /api/v1/plan HTTP/1.1\r\nHost: x\r\nX: \u0000\u0001\r\n\r\n',
  '\u0000\u0001\u0002\u0003\r\n\r\n',
  'GET /api/v1/plan\r\n\r\n',
  'GET http://evil/api/v1/settings/agent_state_sync HTTP/1.1\r\nHost: evil\r\n\r\n',
  'GET * HTTP/1.1\r\nHost: x\r\n\r\n',
];

/** Sends one raw request; resolves with the status line's code (0 when the server just closed). */
function rawRequest(base: URL, text: string): Promise<number> {
  return new Promise((resolve) => {
    const sock: Socket = connect(Number(base.port), base.hostname);
    let data = '';
    const done = (code: number): void => {
      sock.destroy();
      resolve(code);
    };
    sock.setTimeout(10_000, () => done(-1));
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => {
      data += d;
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      if (m) done(Number(m[1]));
    });
    sock.on('error', () => done(0));
    sock.on('close', () => done(0));
    sock.write(text, 'latin1');
  });
}

export async function fuzzHttp(
  baseUrl: string,
  opts: { count: number; seed: number; token: string; secrets: string[]; concurrency?: number },
): Promise<HttpFuzzResult> {
  const r = rng(opts.seed);
  const base = new URL(baseUrl);
  const pool = new Pool(base.origin, { connections: opts.concurrency ?? 8, pipelining: 1 });
  const result: HttpFuzzResult = { requests: 0, raw: 0, byStatus: {}, problems: [] };
  const count = (status: number): void => {
    result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
  };
  let next = 0;
  const one = async (): Promise<void> => {
    const i = next++;
    if (i >= opts.count) return;
    if (r() < 0.05) {
      const text = pick(r, RAW_REQUESTS);
      const status = await rawRequest(base, text);
      result.raw++;
      count(status);
      if (status >= 500) result.problems.push(`raw ${JSON.stringify(text.slice(0, 60))}: ${status}`);
      if (status === 200 && /api/i.test(text.split('\r\n')[0] ?? ''))
        result.problems.push(`raw ${JSON.stringify(text.slice(0, 60))} served without a token`);
      return one();
    }
    const q = hostileRequest(r, opts.token);
    let status: number;
    let text: string;
    try {
      const res = await pool.request({
        method: q.method as 'GET',
        path: q.path,
        headers: q.headers,
        body: q.body ?? null,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      // The server may close a connection on a body it refuses (413): counted, not a problem.
      status = 0;
      text = (err as Error).message;
    }
    result.requests++;
    count(status);
    const what = `${q.method} ${q.path.slice(0, 80)}`;
    if (status >= 500) result.problems.push(`${what}: ${status} ${text.slice(0, 200)}`);
    const guarded = requestIsUnder(undefined, q.path, '/api');
    if (!q.withToken && guarded && status >= 200 && status < 300)
      result.problems.push(`${what}: ${status} without the token`);
    if (!q.withToken)
      for (const s of opts.secrets)
        if (text.includes(s)) result.problems.push(`${what}: a secret in the answer`);
    return one();
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, () => one()));
  await pool.close();
  return result;
}

// ---------------------------------------------------------------- Stat Server link

export interface StatFuzzResult {
  lines: number;
  bad: number;
  valid: number;
  updates: number;
  reported: number;
  warnings: number;
}

const BAD_STAT_LINES: ((r: () => number, ref: number) => string)[] = [
  (r) => junk(r, 1 + Math.floor(r() * 200)),
  () => '{',
  () => '[]',
  () => 'null',
  () => '{"event":"EventInfo"}',
  () => '{"event":"EventNope","referenceId":1}',
  (_r, ref) =>
    JSON.stringify({ event: 'EventInfo', referenceId: ref, time: { sec: -1, usec: 0 }, stateValue: {} }),
  (_r, ref) =>
    JSON.stringify({
      event: 'EventInfo',
      referenceId: ref,
      time: { sec: 1, usec: 5_000_000 },
      stateValue: { agentId: 'a1', status: 4 },
    }),
  (_r, ref) =>
    JSON.stringify({
      event: 'EventInfo',
      referenceId: ref,
      time: { sec: 1, usec: 0 },
      stateValue: { agentId: 'someone-else', status: 4 },
    }),
  (r) => '{"event":"EventServerMode","mode":"' + junk(r, 5) + '"}',
  () => '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
];

function validInfo(ref: number, i: number): string {
  return JSON.stringify({
    event: 'EventInfo',
    referenceId: ref,
    time: { sec: 1_700_000_000 + i, usec: 0 },
    stateValue: { agentId: 'a1', status: i % 2 === 0 ? 4 : 8 },
  });
}

/** A hostile Stat Server: opens what the client asks, then streams good and bad lines at it. */
export async function fuzzStatLink(opts: {
  count: number;
  seed: number;
  logger: Logger;
  countWarnings: () => number;
}): Promise<StatFuzzResult> {
  const r = rng(opts.seed);
  const result: StatFuzzResult = { lines: 0, bad: 0, valid: 0, updates: 0, reported: 0, warnings: 0 };
  let finish: (() => void) | undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const server: Server = createServer((sock) => {
    const dec = new LineDecoder();
    let streaming = false;
    sock.write('{"event":"EventServerMode","mode":"primary"}\n');
    sock.on('error', () => undefined);
    sock.on('data', (chunk) => {
      for (const line of dec.push(chunk).lines) {
        const m = parseClientMessage(line);
        if (!m.ok) continue;
        if (m.message.request === 'Ping')
          sock.write(`{"event":"Pong","id":${JSON.stringify(m.message.id)}}\n`);
        if (m.message.request !== 'RequestOpenStatisticEx') continue;
        sock.write(`{"event":"EventStatisticOpened","referenceId":${m.message.referenceId}}\n`);
        if (m.message.metric.category === 'CurrentState' && !streaming) {
          streaming = true;
          void stream(sock, m.message.referenceId);
        }
      }
    });
  });
  const stream = async (sock: Socket, ref: number): Promise<void> => {
    let batch = '';
    for (let i = 0; i < opts.count; i++) {
      if (r() < 0.3) {
        batch += validInfo(ref, i) + '\n';
        result.valid++;
      } else {
        batch += pick(r, BAD_STAT_LINES)(r, ref).replace(/\n/g, ' ') + '\n';
        result.bad++;
      }
      result.lines++;
      if (batch.length > 32_000) {
        if (!sock.write(batch)) await new Promise((res) => sock.once('drain', res));
        batch = '';
      }
    }
    // One line past the 1 MiB limit: dropped whole and reported once.
    batch += '{"pad":"' + 'x'.repeat(1_100_000) + '"}\n';
    result.bad++;
    result.lines++;
    sock.write(batch);
  };
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as { port: number }).port;
  const client = new StatLinkClient({
    primary: { host: '127.0.0.1', port },
    tenant: 'Resources',
    logger: opts.logger,
    heartbeatTimeoutMs: 30_000,
    handlers: {
      update: () => {
        result.updates++;
        if (result.updates === result.valid && result.reported === result.bad) finish?.();
      },
      malformed: () => {
        result.reported++;
        if (result.updates === result.valid && result.reported === result.bad && result.lines > opts.count)
          finish?.();
      },
    },
  });
  client.setAgents(['a1']);
  client.start();
  const timeout = new Promise<void>((res) => setTimeout(res, 120_000).unref());
  await Promise.race([done, timeout]);
  await client.stop();
  await new Promise<void>((res) => server.close(() => res()));
  result.warnings = opts.countWarnings();
  return result;
}

// ---------------------------------------------------------------- T-Lib log blocks

export interface LogFuzzResult {
  blocks: number;
  bad: number;
  valid: number;
  messages: number;
  errors: number;
  /** Bad blocks whose error named another line than the block's header. */
  misplaced: number;
}

function goodBlock(i: number): string[] {
  const connId = (0x006c02462a160000 + i).toString(16).padStart(16, '0').slice(-16);
  return [
    `@16:45:03.${String(i % 10000).padStart(4, '0')} [0] 8.1.101.25 distribute_event: message EventRinging`,
    `\tAttributeEventSequenceNumber\t${i.toString(16).padStart(16, '0')}`,
    `\tAttributeConnID\t${connId}`,
    `\tAttributeThisDN\t'6001'`,
    `\tAttributeTimeinSecs\t1439853303 (16:45:03)`,
    `\tAttributeTimeinuSecs\t42100`,
  ];
}

/** Corruptions each known to make a block malformed: the rest of the block stays as the good one. */
const CORRUPT: ((r: () => number, lines: string[]) => string[])[] = [
  (r, l) => l.map((x) => (x.startsWith('\tAttributeConnID') ? `\tAttributeConnID\tzz${junk(r, 6)}` : x)),
  (r, l) =>
    l.map((x) =>
      x.startsWith('\tAttributeEventSequenceNumber') ? `\tAttributeEventSequenceNumber\tq${junk(r, 4)}` : x,
    ),
  (r, l) => [...l.slice(0, 3), `\tAttributeConnID\t'${junk(r, 3)}`, ...l.slice(3)],
  (r, l) => [...l.slice(0, 2), '\t' + 'A'.repeat(1_100_000), ...l.slice(2)],
];

export function fuzzLogBlocks(opts: { count: number; seed: number }): LogFuzzResult {
  const r = rng(opts.seed);
  const result: LogFuzzResult = { blocks: 0, bad: 0, valid: 0, messages: 0, errors: 0, misplaced: 0 };
  const badStarts = new Set<number>();
  const errorsAt: number[] = [];
  const reader = new TlibLogReader({
    message: () => result.messages++,
    error: (e) => {
      result.errors++;
      errorsAt.push(e.line);
    },
  });
  let lineNo = 0;
  let text = '';
  for (let i = 0; i < opts.count; i++) {
    // Noise between blocks (SIP traces, other log lines) is no T-Lib block: skipped silently.
    if (r() < 0.2) {
      const noise = `16:45:03.031: SIPTR: Received ${junk(r, 20).replace(/[\r\n]/g, ' ')}`;
      text += noise + '\n';
      lineNo++;
    }
    let block = goodBlock(i);
    // Keep overlong lines rare: each costs a megabyte.
    const kinds = i % 500 === 0 ? CORRUPT.length : CORRUPT.length - 1;
    if (r() < 0.5) {
      block = CORRUPT[Math.floor(r() * kinds)]!(r, block).map((x) => x.replace(/[\r\n]/g, ' '));
      badStarts.add(lineNo + 1);
      result.bad++;
    } else result.valid++;
    result.blocks++;
    text += block.join('\n') + '\n\n';
    lineNo += block.length + 1;
    if (text.length > 256_000) {
      reader.push(text);
      text = '';
    }
  }
  reader.push(text);
  reader.end();
  result.misplaced = errorsAt.filter((n) => !badStarts.has(n)).length;
  return result;
}
