// Table-driven tests of the pure parts: backoff, chunking, event ids, errors, region resolution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from './backoff.ts';
import { chunk, inChunks } from './bulk.ts';
import { CloudApiError, errorFromNetwork, errorFromResponse, parseRetryAfter } from './errors.ts';
import { eventIdFor, UUID_V4_RE } from './event-id.ts';
import { authUrlFor, regionApiUrl, resolveCloudUrls } from './regions.ts';
import { ConfigError } from '../core/errors.ts';

test('backoffDelay: full jitter under an exponential, capped ceiling; never below Retry-After', () => {
  const opts = { baseMs: 100, maxMs: 1000 };
  const cases: [attempt: number, random: number, retryAfter: number | undefined, expected: number][] = [
    [1, 0.999, undefined, 99],
    [2, 0.999, undefined, 199],
    [3, 0.5, undefined, 200],
    [10, 0.999, undefined, 999],
    [1, 0, undefined, 0],
    [1, 0.5, 3000, 3000],
    [4, 0.999, 10, 799],
  ];
  for (const [attempt, r, ra, expected] of cases) {
    assert.equal(
      backoffDelay(attempt, opts, ra, () => r),
      expected,
      `attempt ${attempt} random ${r}`,
    );
  }
});

test('chunk splits by the limit, in order', () => {
  const ids = Array.from({ length: 250 }, (_, i) => i);
  const parts = chunk(ids, 100);
  assert.deepEqual(
    parts.map((p) => p.length),
    [100, 100, 50],
  );
  assert.deepEqual(parts.flat(), ids);
  assert.deepEqual(chunk([], 100), []);
  assert.throws(() => chunk([1], 0), RangeError);
});

test('inChunks calls once per chunk, sequentially', async () => {
  const seen: number[][] = [];
  let active = 0;
  const results = await inChunks([1, 2, 3, 4, 5], 2, async (part, i) => {
    active++;
    assert.equal(active, 1);
    await new Promise((r) => setImmediate(r));
    seen.push(part);
    active--;
    return i;
  });
  assert.deepEqual(seen, [[1, 2], [3, 4], [5]]);
  assert.deepEqual(results, [0, 1, 2]);
});

test('eventIdFor: deterministic, V4-formatted, sensitive to every part and to part boundaries', () => {
  const a = eventIdFor('sip', '006c02462a161006', 'EventRinging', 17);
  assert.match(a, UUID_V4_RE);
  assert.equal(a, eventIdFor('sip', '006c02462a161006', 'EventRinging', 17));
  const different = [
    eventIdFor('sip', '006c02462a161006', 'EventRinging', 18),
    eventIdFor('sip', '006c02462a161006', 'EventRinging', '17'),
    eventIdFor('ab', 'c'),
    eventIdFor('a', 'bc'),
    eventIdFor(''),
    eventIdFor(undefined),
    eventIdFor(null),
    eventIdFor(),
  ];
  assert.equal(new Set([a, ...different]).size, different.length + 1);
  for (const id of different) assert.match(id, UUID_V4_RE);
});

test('eventIdFor: the ids of a release stay those of the last (a takeover or a rolling upgrade mid-call re-derives them)', () => {
  // Values from the first implementation (a Hash object updated part by part).
  assert.equal(
    eventIdFor('sip', '006c02462a161006', 'EventRinging', 17),
    'ab63dbdb-a763-4aba-8b4a-d6e1dad08a7a',
  );
  assert.equal(
    eventIdFor('excp-event', 'site-a|EventRinging|B3C4|7001|1780000000.5', 0),
    'f749ac2e-b4af-4338-a4c2-2ed9b6a13a87',
  );
  assert.equal(eventIdFor(undefined, null, 'é'), '2bd812bd-1ebc-4f64-8618-d41d5f152b49');
});

test('errorFromResponse reads ErrorBody, OAuth errors and non-JSON bodies', () => {
  const cases: [status: number, body: string, code: string, message: string, retryable: boolean][] = [
    [
      429,
      '{"message":"Rate limit exceeded the maximum. Retry the request in [3] seconds","code":"too.many.requests.retry.after","status":429}',
      'too.many.requests.retry.after',
      'Rate limit exceeded the maximum. Retry the request in [3] seconds',
      true,
    ],
    [400, '{"message":"bad name","code":"bad.request","status":400}', 'bad.request', 'bad name', false],
    [400, '{"error":"unauthorized_client","error_description":"nope"}', 'unauthorized_client', 'nope', false],
    [502, '<html>bad gateway</html>', 'http.502', '<html>bad gateway</html>', true],
    [404, '', 'http.404', 'HTTP 404', false],
  ];
  for (const [status, body, code, message, retryable] of cases) {
    const e = errorFromResponse({ status, bodyText: body, method: 'GET', path: '/x', correlationId: 'c-1' });
    assert.ok(e instanceof CloudApiError);
    assert.deepEqual(
      { status: e.status, code: e.code, msg: e.apiMessage, retryable: e.retryable, corr: e.correlationId },
      { status, code, msg: message, retryable, corr: 'c-1' },
    );
    assert.equal(e.ambiguous, status >= 500);
  }
});

test('network errors: connect failures are not ambiguous, dropped connections and timeouts are', () => {
  const refused = errorFromNetwork(
    Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    'POST',
    '/p',
    false,
  );
  assert.deepEqual([refused.status, refused.retryable, refused.ambiguous], [0, true, false]);
  const dropped = errorFromNetwork(
    Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    'POST',
    '/p',
    false,
  );
  assert.deepEqual(
    [dropped.retryable, dropped.ambiguous, dropped.code],
    [true, true, 'network.UND_ERR_SOCKET'],
  );
  const timeout = errorFromNetwork(new Error('t'), 'POST', '/p', true);
  assert.deepEqual([timeout.code, timeout.ambiguous], ['network.timeout', true]);
});

test('parseRetryAfter: seconds, HTTP dates, garbage', () => {
  assert.equal(parseRetryAfter('3'), 3);
  assert.equal(parseRetryAfter(['7']), 7);
  assert.equal(parseRetryAfter(undefined), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6);
});

test('regionApiUrl: region names, domains and URLs', () => {
  const cases: [string, string | undefined][] = [
    ['eu_west_1', 'https://api.mypurecloud.ie'],
    ['EU-WEST-1', 'https://api.mypurecloud.ie'],
    ['us_west_2', 'https://api.usw2.pure.cloud'],
    ['mypurecloud.de', 'https://api.mypurecloud.de'],
    ['api.mypurecloud.jp', 'https://api.mypurecloud.jp'],
    ['https://login.mypurecloud.com/', 'https://api.mypurecloud.com'],
    ['http://127.0.0.1:3600', 'http://127.0.0.1:3600'],
    ['nowhere', undefined],
  ];
  for (const [input, expected] of cases) assert.equal(regionApiUrl(input), expected, input);
  assert.equal(authUrlFor('https://api.mypurecloud.ie'), 'https://login.mypurecloud.ie');
  assert.equal(authUrlFor('http://127.0.0.1:3600'), 'http://127.0.0.1:3600');
});

test('resolveCloudUrls: EXEC_GC_* overrides win over base URLs, which win over the region', () => {
  const tx = { region: 'eu_west_1', clientId: 'tx-id', clientSecret: 'tx-secret' };
  assert.deepEqual(resolveCloudUrls(tx, {}), {
    apiUrl: 'https://api.mypurecloud.ie',
    authUrl: 'https://login.mypurecloud.ie',
    clientId: 'tx-id',
    clientSecret: 'tx-secret',
  });
  assert.deepEqual(
    resolveCloudUrls(
      { ...tx, baseServiceUrl: 'https://api.mypurecloud.de/', baseAuthUrl: 'https://login.mypurecloud.de' },
      {},
    ),
    {
      apiUrl: 'https://api.mypurecloud.de',
      authUrl: 'https://login.mypurecloud.de',
      clientId: 'tx-id',
      clientSecret: 'tx-secret',
    },
  );
  assert.deepEqual(
    resolveCloudUrls(tx, {
      EXEC_GC_API_URL: 'http://127.0.0.1:3600',
      EXEC_GC_CLIENT_ID: 'exec-lab',
      EXEC_GC_CLIENT_SECRET: 'exec-lab-secret',
    }),
    {
      apiUrl: 'http://127.0.0.1:3600',
      authUrl: 'http://127.0.0.1:3600',
      clientId: 'exec-lab',
      clientSecret: 'exec-lab-secret',
    },
  );
});

test('resolveCloudUrls: an API override without a login override derives the login URL from it', () => {
  const tx = {
    baseServiceUrl: 'https://api.mypurecloud.ie',
    baseAuthUrl: 'https://login.mypurecloud.ie',
    clientId: 'i',
    clientSecret: 's',
  };
  assert.equal(
    resolveCloudUrls(tx, { EXEC_GC_API_URL: 'http://127.0.0.1:3600' }).authUrl,
    'http://127.0.0.1:3600',
  );
  assert.equal(
    resolveCloudUrls(tx, {
      EXEC_GC_API_URL: 'http://127.0.0.1:3600',
      EXEC_GC_AUTH_URL: 'http://127.0.0.1:3601',
    }).authUrl,
    'http://127.0.0.1:3601',
  );
});

test('resolveCloudUrls names every problem and never echoes a secret', () => {
  try {
    resolveCloudUrls({ region: 'atlantis' }, { EXEC_GC_AUTH_URL: 'ftp://x' });
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    const text = e.problems.join('\n');
    for (const name of ['general/region', 'EXEC_GC_AUTH_URL', 'EXEC_GC_CLIENT_ID', 'EXEC_GC_CLIENT_SECRET']) {
      assert.match(text, new RegExp(name));
    }
  }
  // A secret given beside other problems is not repeated in any of them.
  assert.throws(
    () =>
      resolveCloudUrls(
        { region: 'atlantis', clientSecret: 'Tx-S3cret-value' },
        { EXEC_GC_AUTH_URL: 'ftp://x', EXEC_GC_CLIENT_SECRET: 'Env-S3cret-value' },
      ),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      const all = `${e.message}\n${e.problems.join('\n')}`;
      assert.match(all, /general\/region/);
      assert.doesNotMatch(all, /Tx-S3cret-value|Env-S3cret-value/);
      return true;
    },
  );
});
