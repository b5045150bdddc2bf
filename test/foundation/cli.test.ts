import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { until } from '../harness/index.ts';
import { envText, VALID_ENV } from './fixtures.ts';

const BIN = new URL('../../bin/exec-connector.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'exec-cli-'));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(EXEC_|EXCS_|EXAS_|EXCP_|EXRP_|LOG_)/.test(k)),
  );
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: { ...clean, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('exec-connector CLI', () => {
  it('lists every command of DESIGN §2 in --help, and prints its version', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0);
    for (const c of [
      'demo',
      'run',
      'init',
      'start',
      'stop',
      'restart',
      'update',
      'rollback',
      'check-env',
      'plan',
      'preflight',
      'tlib',
      'replay',
      'lab',
    ]) {
      assert.match(r.stdout, new RegExp(`^  ${c}\\b`, 'm'), `${c} missing from --help`);
    }
    const v = cli(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+/);
  });

  it('exits 2 on a usage error and 1 for a user-facing failure', () => {
    assert.equal(cli(['no-such-command']).code, 2);
    assert.equal(cli(['run', 'nope']).code, 2);
    const usage = cli(['start', '--pair', '1']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--pair and --host need --service/);
    const r = cli(['rollback', '--service', 'excs', '--env-file', join(dir, 'none.env')]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /none\.env/);
  });

  it('check-env prints one line per problem starting with the variable, and exits 1', () => {
    const file = join(dir, 'bad.env');
    writeFileSync(
      file,
      envText({
        ...VALID_ENV,
        EXCP_1_PORT: '80a',
        EXCP_1_VOICE_SERVER_VQ: 'sip1',
        LOG_CONSOLE_LEVEL: 'chatty',
        EXAS_HOST: '',
      }),
    );
    const r = cli(['check-env', '--env-file', file]);
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.includes('EXCP_1_PORT: "80a" is not a port number (expected 1-65535)'), r.stderr);
    assert.ok(lines.some((l) => l.startsWith('EXCP_1_VOICE_SERVER_VQ: ')));
    assert.ok(lines.some((l) => l.startsWith('LOG_CONSOLE_LEVEL: ')));
    assert.ok(lines.some((l) => l.startsWith('EXAS_HOST: is not set')));
    assert.match(lines.at(-1) ?? '', /^4 problems in /);
  });

  it('check-env summarises a valid deployment without printing secrets, and exits 0', () => {
    const file = join(dir, 'good.env');
    const pw = join(dir, 'dbpw');
    writeFileSync(pw, 'Sup3r-Secret-Db\n');
    const { EXCS_CONFIG_DB_PASSWORD: _omit, ...rest } = VALID_ENV;
    writeFileSync(file, envText({ ...rest, EXCS_CONFIG_DB_PASSWORD_FILE: pw }));
    const r = cli(['check-env', '--env-file', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /EX Org 6662cb10-0d4d-4710-b979-db69011e66fd/);
    assert.match(r.stdout, /OK: no problems found/);
    assert.ok(!(r.stdout + r.stderr).includes('Sup3r-Secret-Db'));
  });

  it('check-env: the seed\'s SYNC_CUSTOMER_* aliases warn and count; a folder list of "," is an error', () => {
    const aliased = join(dir, 'aliased.env');
    writeFileSync(
      aliased,
      envText({
        ...VALID_ENV,
        SYNC_CUSTOMER_OBJECTS_ONLY: 'true',
        SYNC_CUSTOMER_FOLDER_NAME: 'EX_EVOLUTION',
      }),
    );
    const ok = cli(['check-env', '--env-file', aliased]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(
      ok.stderr,
      /^warning: SYNC_CUSTOMER_FOLDER_NAME: is an alias of EXCS_SYNC_CUSTOMER_FOLDER_NAME/m,
    );
    const empty = join(dir, 'empty-folders.env');
    writeFileSync(
      empty,
      envText({ ...VALID_ENV, SYNC_CUSTOMER_OBJECTS_ONLY: 'true', SYNC_CUSTOMER_FOLDER_NAME: ',' }),
    );
    const bad = cli(['check-env', '--env-file', empty]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^EXCS_SYNC_CUSTOMER_FOLDER_NAME: "," lists no folder name/m);
  });

  it('check-env reports an env file it cannot read', () => {
    // Node 20 itself reads `--env-file` wherever it stands in argv and exits 9 naming the file when it
    // is absent, before our code runs; either way the operator sees the file named and a failure.
    const r = cli(['check-env', '--env-file', join(dir, 'absent.env')]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /absent\.env/);
  });

  it('run <svc> refuses to start half-configured, naming every problem', () => {
    const r = cli(['run', 'exas'], { EXAS_PORT: 'x' });
    assert.doesNotMatch(r.stderr, /not built yet/);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^EXAS_PORT: "x" is not a port number/m);
    assert.match(r.stderr, /^EXAS_STAT_SERVER_PRIMARY_HOST: is not set/m);
  });

  it('demo starts, syncs into the emulator and stops cleanly on Ctrl-C', async (t) => {
    const child = spawn(process.execPath, [BIN, 'demo', '--caps', '0', '--no-changes', '--agents', '20'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A failed assertion must not leave the demo holding its ports (and this test runner) alive.
    t.after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await until('the demo to start', () => /Ctrl-C stops it/.test(out) || child.exitCode !== null, 120_000);
    assert.match(out, /Ctrl-C stops it/, out);
    // The whole chain runs: EXCS syncs the lab Config DB into the emulator, EXAS sets presences.
    const synced = async (): Promise<boolean> => {
      try {
        const org = (await (await fetch('http://127.0.0.1:3600/__emulator/org')).json()) as {
          users: { presence: unknown; routingStatus: unknown }[];
          queues: { members: string[] }[];
        };
        return (
          /EXCS initial sync done/.test(out) &&
          org.users.length > 10 &&
          org.queues.some((q) => q.members.length > 0) &&
          org.users.some((u) => u.presence !== null && u.routingStatus !== null)
        );
      } catch {
        return false; // not up yet
      }
    };
    await until('users with presence in the emulator', synced, { timeoutMs: 120_000, intervalMs: 500 }).catch(
      (err: Error) => assert.fail(`${err.message}: the demo never synced users with presence:\n${out}`),
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    assert.equal(await exited, 0, out);
    assert.match(out, /demo stopped/);
  });
});
