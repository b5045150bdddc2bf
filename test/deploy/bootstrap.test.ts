// The bootstrap actions against two SSH "VMs" (real sshd, the `genesys` user, a recording docker
// stand-in): init → start → update (nothing changed, then one tag changed) → rollback → restart → stop
// leave exactly the files, backups and docker calls of seed 003 "Deploying" and "Maintenance"; a wrong
// password file, an unreachable VM and a malformed .env each stop with a clear message, changing nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runDeployAction, type Action, type DeployDeps } from '../../src/deploy/actions.ts';
import { composeTargets, renderCompose } from '../../src/deploy/compose.ts';
import { sshRemote, type Remote } from '../../src/deploy/remote.ts';
import type { Selection } from '../../src/deploy/selection.ts';
import { freePort, until } from '../harness/index.ts';
import { envText, VALID_ENV } from '../foundation/fixtures.ts';
import { startSshLab, USER, type SshLab, type Vm } from './ssh-vms.ts';

const A = '127.0.0.2';
const B = '127.0.0.3';
const DB_PASSWORD = 'Db-Pa55word!$HOME';
const REDIS_PASSWORD = 'redis-secret-42';
const STAMP = '23052023';
const BIN = join(process.cwd(), 'bin/exec-connector.js');

let lab: SshLab;
let work: string;
let remote: Remote;
let controlDir: string;
let excsPort: number;
let statusServer: Server;
/** Wall-clock ns (as the docker stand-in's `date +%s%N`) of the first Success answer. */
let successAt: bigint | undefined;
let a: Vm;
let b: Vm;

function deploymentEnv(over: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    ...VALID_ENV,
    EXCS_VM_HOST: A,
    EXCS_PORT: String(excsPort),
    EXAS_HOST: B,
    EXCP_1_VM_HOST_PAIR: `${A},${B}`,
    EXEC_REDIS_SECURE: 'true',
    EXEC_REDIS_PASSWORD_FILE: join(work, 'redis.pw'),
    ...over,
  };
  delete values.EXCS_CONFIG_DB_PASSWORD;
  for (const [k, v] of Object.entries(over)) if (v === '') delete values[k];
  return `# deployment .env\n${envText(values)}\n`;
}

function writeEnv(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

function deps(remote: Remote, over: Partial<DeployDeps> = {}): DeployDeps & { lines: string[] } {
  const lines: string[] = [];
  return {
    remote,
    io: { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    env: { EXCS_CONFIG_DB_PASSWORD_FILE: join(work, 'db.pw') },
    now: () => new Date(2023, 4, 23, 12),
    tmpDir: join(work, 'tmp'),
    statusPollMs: 50,
    statusTimeoutMs: 20_000,
    user: USER,
    lines,
    ...over,
  };
}

async function act(
  action: Action,
  envFile: string,
  selection: Selection = {},
  over: Partial<DeployDeps> = {},
) {
  // One remote (and its master connections) for the whole suite: each action's own SSH handshakes
  // are what the CLI pays (the terminal test below runs it); here they would only slow the suite.
  const d = deps(remote, over);
  await runDeployAction({ action, envFile, selection }, d);
  return d.lines;
}

/** Every file under the VM's home with its mode and content hash, and the docker calls so far. */
function snapshot(vm: Vm): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, `${rel}${e}/`);
      else
        out.push(
          `${rel}${e} ${(st.mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`,
        );
    }
  };
  walk(vm.home, '');
  return out;
}

const execFile = (vm: Vm, f: string): string => readFileSync(join(vm.home, 'exec', f), 'utf8');
const listing = (vm: Vm, sub = ''): string[] => readdirSync(join(vm.home, 'exec', sub)).sort();
const composeCalls = (vm: Vm): string[] =>
  vm.dockerCalls().map((c) => `${c.cwd === join(vm.home, 'exec') ? '~/exec' : c.cwd} ${c.args}`);

before(async () => {
  lab = await startSshLab([A, B]);
  [a, b] = lab.vms as [Vm, Vm];
  work = mkdtempSync(join(tmpdir(), 'exec-bootstrap-'));
  controlDir = mkdtempSync('/tmp/exec-ssh-');
  remote = sshRemote({
    user: USER,
    config: lab.sshConfig,
    connectTimeoutSeconds: 5,
    controlDir,
  });
  mkdirSync(join(work, 'tmp'));
  writeFileSync(join(work, 'db.pw'), `${DB_PASSWORD}\n`);
  writeFileSync(join(work, 'redis.pw'), REDIS_PASSWORD);
  // EXCS's /status on its VM: what the container docker would start answers. Until the stand-in has
  // recorded `up` for EXCS it reports InProgress, then Success from the third poll after it.
  excsPort = await freePort();
  let pollsAfterUp = 0;
  statusServer = createServer((req, res) => {
    const up = a.dockerCalls().some((c) => c.args.includes('-p excs') && c.args.endsWith('up -d'));
    if (up) pollsAfterUp++;
    const status = up && pollsAfterUp >= 3 ? 'Success' : 'InProgress';
    if (status === 'Success') successAt ??= BigInt(Date.now()) * 1_000_000n;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        status: { code: 0, message: 'ok' },
        data: { syncStatus: { timeStamp: new Date().toISOString(), status } },
      }),
    );
  });
  await new Promise<void>((r) => statusServer.listen(excsPort, A, r));
});

after(async () => {
  await remote?.close();
  if (controlDir) rmSync(controlDir, { recursive: true, force: true });
  await new Promise((r) => statusServer?.close(r));
  await lab?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('bootstrap actions on two SSH VMs', () => {
  let envFile: string;
  let initEnvA: string;

  it('init (no terminal: passwords from *_FILE) copies .env and compose files to ~/exec on each VM', async () => {
    envFile = writeEnv('deploy.env', deploymentEnv());
    // No terminal here: the Config DB password comes from EXCS_CONFIG_DB_PASSWORD_FILE in the environment.
    const lines = await act('init', envFile);
    assert.deepEqual(readdirSync(join(work, 'tmp')), [], 'the temporary .env is deleted');
    assert.deepEqual(listing(a), ['.env', 'excp-1.yml', 'excs.yml']);
    assert.deepEqual(listing(b), ['.env', 'exas.yml', 'excp-1.yml']);
    initEnvA = execFile(a, '.env');
    assert.equal(execFile(b, '.env'), initEnvA, 'the same .env on every VM');
    // The passwords are written in (single-quoted: docker compose takes them literally), the _FILE lines gone.
    assert.match(initEnvA, new RegExp(`^EXCS_CONFIG_DB_PASSWORD='${DB_PASSWORD.replace('$', '\\$')}'$`, 'm'));
    assert.match(initEnvA, new RegExp(`^EXEC_REDIS_PASSWORD='${REDIS_PASSWORD}'$`, 'm'));
    assert.doesNotMatch(initEnvA, /_FILE=/);
    assert.match(initEnvA, /^EXAS_TAG=1\.0\.0$/m);
    assert.equal(statSync(join(a.home, 'exec', '.env')).mode & 0o777, 0o600);
    for (const t of composeTargets({
      ...VALID_ENV,
      EXCS_VM_HOST: A,
      EXAS_HOST: B,
      EXCP_1_VM_HOST_PAIR: `${A},${B}`,
    })) {
      const vm = t.address === A ? a : b;
      assert.equal(execFile(vm, t.file), renderCompose(t), `${t.file} on ${t.address}`);
    }
    assert.deepEqual([...a.dockerCalls(), ...b.dockerCalls()], [], 'init starts nothing');
    assert.ok(!lines.join('\n').includes(DB_PASSWORD) && !lines.join('\n').includes(REDIS_PASSWORD));
  });

  it('start runs EXCS first, waits for its /status Success, then EXAS and the EXCP pair', async () => {
    const lines = await act('start', envFile);
    assert.deepEqual(composeCalls(a), [
      '~/exec compose -p excs -f excs.yml up -d',
      '~/exec compose -p excp-1 -f excp-1.yml up -d',
    ]);
    assert.deepEqual(composeCalls(b), [
      '~/exec compose -p exas -f exas.yml up -d',
      '~/exec compose -p excp-1 -f excp-1.yml up -d',
    ]);
    const [excs, excpA] = a.dockerCalls();
    const [exas, excpB] = b.dockerCalls();
    assert.ok(successAt !== undefined && excs && exas && excpA && excpB);
    assert.ok(excs.at < successAt && successAt <= exas.at, 'EXAS only after EXCS reported Success');
    assert.ok(exas.at < excpA.at && excpA.at < excpB.at, 'then EXCP host 1, host 2');
    assert.ok(
      lines.some((l) => l.includes('EXCS: InProgress')),
      lines.join('\n'),
    );
  });

  it('update with the same .env changes nothing', async () => {
    const before = [snapshot(a), snapshot(b)];
    const lines = await act('update', envFile);
    assert.deepEqual([snapshot(a), snapshot(b)], before);
    assert.match(lines.at(-1) ?? '', /nothing changed/);
  });

  it('update with one tag changed backs up as <name>_<ddmmyyyy> and uploads the new .env', async () => {
    const calls = composeCalls(a).length + composeCalls(b).length;
    writeFileSync(envFile, deploymentEnv({ EXAS_TAG: '1.1.0' }));
    await act('update', envFile);
    assert.deepEqual(listing(a, 'backup'), [`.env_${STAMP}`, `excp-1.yml_${STAMP}`, `excs.yml_${STAMP}`]);
    assert.deepEqual(listing(b, 'backup'), [`.env_${STAMP}`, `exas.yml_${STAMP}`, `excp-1.yml_${STAMP}`]);
    assert.equal(readFileSync(join(a.home, 'exec/backup', `.env_${STAMP}`), 'utf8'), initEnvA);
    assert.equal(statSync(join(a.home, 'exec/backup', `.env_${STAMP}`)).mode & 0o777, 0o600);
    const updated = execFile(b, '.env');
    assert.match(updated, /^EXAS_TAG=1\.1\.0$/m);
    // The passwords stay: taken from the VM's own .env (no prompt, no *_FILE needed).
    assert.match(updated, /^EXCS_CONFIG_DB_PASSWORD='/m);
    assert.equal(updated, initEnvA.replace('EXAS_TAG=1.0.0', 'EXAS_TAG=1.1.0'));
    assert.equal(composeCalls(a).length + composeCalls(b).length, calls, 'update restarts nothing');
  });

  it('a second update the same day keeps the first backup (…_2)', async () => {
    writeFileSync(envFile, deploymentEnv({ EXAS_TAG: '1.2.0' }));
    await act('update', envFile, { service: 'exas' });
    assert.deepEqual(listing(b, 'backup'), [
      `.env_${STAMP}`,
      `.env_${STAMP}_2`,
      `exas.yml_${STAMP}`,
      `exas.yml_${STAMP}_2`,
      `excp-1.yml_${STAMP}`,
    ]);
    assert.deepEqual(listing(a, 'backup').length, 3, 'VM A is not EXAS: untouched');
    assert.match(execFile(b, '.env'), /^EXAS_TAG=1\.2\.0$/m);
  });

  it('rollback restores the latest backup of each file', async () => {
    await act('rollback', envFile, { service: 'exas' });
    assert.match(execFile(b, '.env'), /^EXAS_TAG=1\.1\.0$/m);
    await act('rollback', envFile);
    assert.equal(execFile(a, '.env'), initEnvA);
    assert.match(
      execFile(b, '.env'),
      /^EXAS_TAG=1\.1\.0$/m,
      'B: its latest backup is the one of the second update',
    );
  });

  it('restart of one EXCP host and stop of everything: down/up on that VM only, stop in reverse order', async () => {
    const before = [composeCalls(a).length, composeCalls(b).length];
    await act('restart', envFile, { service: 'excp', pair: '1', host: '2' });
    assert.equal(composeCalls(a).length, before[0]);
    assert.deepEqual(composeCalls(b).slice(before[1]), [
      '~/exec compose -p excp-1 -f excp-1.yml down',
      '~/exec compose -p excp-1 -f excp-1.yml up -d',
    ]);
    const n = [composeCalls(a).length, composeCalls(b).length];
    await act('stop', envFile);
    const stops = [...a.dockerCalls().slice(n[0]), ...b.dockerCalls().slice(n[1])]
      .sort((x, y) => (x.at < y.at ? -1 : 1))
      .map((c) => c.args);
    assert.deepEqual(stops, [
      'compose -p excp-1 -f excp-1.yml down',
      'compose -p excp-1 -f excp-1.yml down',
      'compose -p exas -f exas.yml down',
      'compose -p excs -f excs.yml down',
    ]);
  });

  it('init on a terminal prompts for the Config DB password without echoing it', async () => {
    const typed = 'typed-at-the-prompt-77';
    // `script` gives the CLI a pseudo-terminal; what is typed goes through it as from a keyboard.
    const cmd = [
      process.execPath,
      BIN,
      'init',
      '--service',
      'exas',
      '--env-file',
      envFile,
      '--ssh-config',
      lab.sshConfig,
    ].join(' ');
    const child = spawn('script', ['-qec', cmd, '/dev/null'], {
      env: { PATH: process.env.PATH, EXEC_CONNECTOR_FROM_SOURCE: '1', TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
    const exited = new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
    await until('the prompt', () => screen.includes('Config DB password: '), 60_000);
    child.stdin.write(`${typed}\r`);
    assert.equal(await exited, 0, screen);
    assert.ok(!screen.includes(typed), `the password was echoed: ${screen}`);
    assert.ok(!screen.includes('Redis password'), 'the Redis password came from EXEC_REDIS_PASSWORD_FILE');
    assert.match(execFile(b, '.env'), new RegExp(`^EXCS_CONFIG_DB_PASSWORD='${typed}'$`, 'm'));
  });

  describe('stops with a clear message and changes nothing', () => {
    async function unchanged(run: () => Promise<unknown>): Promise<Error> {
      const before = [snapshot(a), snapshot(b)];
      const err = await run().then(
        () => assert.fail('expected the action to fail'),
        (e: Error) => e,
      );
      assert.deepEqual([snapshot(a), snapshot(b)], before);
      assert.deepEqual(readdirSync(join(work, 'tmp')), [], 'no temporary .env left');
      return err;
    }

    it('a wrong password file', async () => {
      const err = await unchanged(() =>
        act('init', envFile, {}, { env: { EXCS_CONFIG_DB_PASSWORD_FILE: join(work, 'no-such.pw') } }),
      );
      assert.match(err.message, /^EXCS_CONFIG_DB_PASSWORD_FILE: cannot read ".*no-such\.pw": ENOENT/);
      assert.match(err.message, /nothing was changed/);
      writeFileSync(join(work, 'short.pw'), 'abc');
      const short = await unchanged(() =>
        act('init', envFile, {}, { env: { EXCS_CONFIG_DB_PASSWORD_FILE: join(work, 'short.pw') } }),
      );
      assert.match(short.message, /EXCS_CONFIG_DB_PASSWORD: the value is too short/);
      assert.doesNotMatch(short.message, /abc/);
    });

    it('an unreachable VM', async () => {
      const file = writeEnv(
        'unreachable.env',
        deploymentEnv({ EXCP_1_VM_HOST_PAIR: `${A},${lab.unreachable}` }),
      );
      const err = await unchanged(() => act('init', file));
      assert.match(err.message, /VMs not ready; nothing was changed/);
      assert.match(
        err.message,
        new RegExp(
          `^${lab.unreachable.replaceAll('.', '\\.')}: cannot connect over SSH as genesys \\(.*Connection refused`,
          'm',
        ),
      );
      const start = await unchanged(() => act('start', file));
      assert.match(start.message, /cannot connect over SSH/);
    });

    it('a malformed .env', async () => {
      const file = writeEnv(
        'bad.env',
        `${deploymentEnv({ EXCS_PORT: '80a' })}this line is not a parameter\n`,
      );
      const err = await unchanged(() => act('init', file));
      assert.match(err.message, /bad\.env is malformed; nothing was changed/);
      assert.match(err.message, /bad\.env:\d+: is not NAME=value/);
      writeFileSync(file, deploymentEnv({ EXCS_PORT: '80a' }));
      const invalid = await unchanged(() => act('update', file));
      assert.match(invalid.message, /^EXCS_PORT: "80a" is not a port number/m);
    });
  });
});
