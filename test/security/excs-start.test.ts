// Issue 16 item 5: a failed start exits. `run excs` with a wrong EXEC_REDIS_PASSWORD (or no Redis at all)
// exits non-zero within a bounded time, naming the cause, instead of staying up with /status
// "in progress"; and nothing answers HTTP while the service is not running. Item 7: a secret too short
// to redact safely is refused by check-env and by run alike.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { formatProblem } from '../../src/core/config/load.ts';
import { validateDeployment, validateService } from '../../src/core/config/validate.ts';
import { VALID_ENV } from '../foundation/fixtures.ts';
import { freePort, startRedisServer, type RunningServer } from '../harness/servers.ts';

interface Exit {
  code: number | null;
  ms: number;
  stderr: string;
  stdout: string;
  answeredHttp: boolean;
}

/** Runs the CLI; `port` is polled while it runs, to see whether anything ever answered. */
function runCli(args: string[], env: Record<string, string>, port?: number): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/exec-connector.js', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let answeredHttp = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const poll =
    port === undefined
      ? undefined
      : setInterval(() => {
          fetch(`http://127.0.0.1:${port}/status`).then(
            () => (answeredHttp = true),
            () => undefined,
          );
        }, 200);
  // A child that never exits fails the test by the runner's timeout; kill it then rather than leak it.
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, ms: Date.now() - started, stderr, stdout, answeredHttp });
    }),
  );
}

const EXCS_ENV = {
  EXEC_TENANT_ID: '1',
  EXEC_ORG_ID: '6662cb10-0d4d-4710-b979-db69011e66fd',
  EXEC_REDIS_HOST: '127.0.0.1',
  EXCS_CONFIG_DB_HOST: '127.0.0.1',
  EXCS_CONFIG_DB_PORT: '1',
  EXCS_CONFIG_DB_USER: 'genesys',
  EXCS_CONFIG_DB_PASSWORD: 'db-password-1',
  EXCS_CONFIG_DB_NAME: 'config',
  EXCS_BIND_ADDRESS: '127.0.0.1',
  EXEC_API_TOKEN: 'a-long-enough-api-token',
  LOG_CONSOLE_LEVEL: 'INFO',
};

describe('run excs: a start that cannot succeed exits non-zero in bounded time', () => {
  let redis: RunningServer;
  before(async () => {
    redis = await startRedisServer(undefined, ['--requirepass', 'the-right-redis-password']);
  });
  after(() => redis.stop());

  it('wrong EXEC_REDIS_PASSWORD: exits 1 at once, naming Redis, and never answers HTTP', async () => {
    const port = await freePort();
    const r = await runCli(
      ['run', 'excs'],
      {
        ...EXCS_ENV,
        EXEC_REDIS_PORT: String(redis.port),
        EXEC_REDIS_SECURE: 'true',
        EXEC_REDIS_PASSWORD: 'a-wrong-redis-password',
        EXCS_PORT: String(port),
      },
      port,
    );
    assert.equal(r.code, 1, r.stderr + r.stdout);
    // The CLI itself takes seconds to load on a busy machine: the bound is generous, the point is an exit.
    assert.ok(r.ms < 45_000, `exited after ${r.ms} ms`);
    assert.match(r.stderr, /excs could not start: Redis refused the credentials: WRONGPASS/);
    assert.ok(!r.answeredHttp, '/status answered while the service was not running');
    assert.doesNotMatch(r.stderr + r.stdout, /a-wrong-redis-password/);
  });

  it('no Redis at all: exits 1 after EXEC_STARTUP_TIMEOUT_SECONDS', async () => {
    const r = await runCli(['run', 'excs'], {
      ...EXCS_ENV,
      EXEC_REDIS_PORT: String(await freePort()),
      EXCS_PORT: String(await freePort()),
      EXEC_STARTUP_TIMEOUT_SECONDS: '2',
    });
    assert.equal(r.code, 1, r.stderr);
    // The CLI itself takes seconds to load on a busy machine: the bound is generous, the point is an exit.
    assert.ok(r.ms < 45_000, `exited after ${r.ms} ms`);
    assert.match(r.stderr, /excs could not start: Redis is not reachable/);
  });
});

describe('secrets too short to redact safely are refused (item 7)', () => {
  for (const secret of [',', 'pw', 'seven77']) {
    it(`EXEC_REDIS_PASSWORD=${JSON.stringify(secret)}: check-env and run <svc> both refuse it`, () => {
      const want =
        /^EXEC_REDIS_PASSWORD: the value is too short to keep out of logs safely \(expected at least 8 characters\)$/;
      const deployment = validateDeployment({ ...VALID_ENV, EXEC_REDIS_PASSWORD: secret });
      assert.ok(
        deployment.problems.map(formatProblem).some((p) => want.test(p)),
        secret,
      );
      const service = validateService('excs', { ...EXCS_ENV, EXEC_REDIS_PASSWORD: secret });
      assert.ok(
        service.problems.map(formatProblem).some((p) => want.test(p)),
        secret,
      );
    });
  }
  it('accepts `postgres` (8 characters)', () => {
    assert.deepEqual(validateService('excs', { ...EXCS_ENV, EXEC_REDIS_PASSWORD: 'postgres' }).problems, []);
  });

  it('run excs prints the refusal and exits 1', async () => {
    const run = await runCli(['run', 'excs'], { ...EXCS_ENV, EXEC_REDIS_PASSWORD: ',' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /EXEC_REDIS_PASSWORD: the value is too short to keep out of logs safely/);
  });
});
