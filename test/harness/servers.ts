// Throwaway Redis and PostgreSQL servers for tests: random ports, temporary directories, stopped on exit.
// Used by scripts/run-tests.ts (once for the whole run) and lazily by a test file run on its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  mkdtempSync,
  rmSync,
  chownSync,
  existsSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { until } from './until.ts';

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A port free now, for a server a test starts itself (often in a child process). It is picked below the
 * kernel's ephemeral range: a port that `listen(0)` gave out and closed goes back to the pool every
 * outgoing connection draws from, and on a busy run a client socket took one before the child bound it
 * (EADDRINUSE). Below the range only explicit binds compete, and each pick is checked by binding it.
 */
export async function freePort(): Promise<number> {
  const [low, high] = explicitPortRange();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port found in ${low}-${high - 1} after 50 tries`);
}

let portRange: [number, number] | undefined;

/** [low, high): the ports under the ephemeral range (Linux: ip_local_port_range; else under 32768). */
function explicitPortRange(): [number, number] {
  // Read once: the range does not change while the tests run.
  if (portRange) return portRange;
  let ephemeralLow = 32768;
  try {
    const first = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    if (Number.isInteger(first) && first > 12000) ephemeralLow = first;
  } catch {
    // not Linux: keep the usual default
  }
  return (portRange = [10000, ephemeralLow]);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function which(bin: string, extraDirs: string[] = []): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...extraDirs]) {
    if (dir && existsSync(join(dir, bin))) return join(dir, bin);
  }
  return undefined;
}

function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

async function answersQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function portOpen(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Starts redis-server on a free (or given) port with no persistence; `extraArgs` are passed on. */
export async function startRedisServer(port?: number, extraArgs: string[] = []): Promise<RunningServer> {
  const bin = which('redis-server');
  if (!bin) {
    throw new Error(
      'redis-server not found: install it with `apt-get install redis-server` (Debian), or set REDIS_URL',
    );
  }
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'exec-redis-'));
  const child = spawn(
    bin,
    [
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  await until(`redis-server on port ${p}`, () => portOpen(p), 20_000);
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    stop: () => stopChild(child, () => rmSync(dir, { recursive: true, force: true })),
  };
}

/** Starts a Redis Sentinel (redis-server --sentinel) watching the master at `masterPort` as `name`. */
export async function startRedisSentinel(masterPort: number, name = 'mymaster'): Promise<RunningServer> {
  const bin = which('redis-server');
  if (!bin)
    throw new Error('redis-server not found: install it with `apt-get install redis-server` (Debian)');
  const p = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'exec-sentinel-'));
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    `port ${p}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor ${name} 127.0.0.1 ${masterPort} 1\n`,
  );
  const child = spawn(bin, [conf, '--sentinel'], { stdio: 'ignore' });
  await until(`redis sentinel on port ${p}`, () => portOpen(p), 20_000);
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    stop: () => stopChild(child, () => rmSync(dir, { recursive: true, force: true })),
  };
}

/** Starts a PostgreSQL cluster (as the postgres user when running as root, since postgres refuses root). */
export async function startPostgresServer(): Promise<RunningServer> {
  const dirs = postgresBinDirs();
  const initdb = which('initdb', dirs);
  const postgres = which('postgres', dirs);
  if (!initdb || !postgres) {
    throw new Error(
      'PostgreSQL server binaries not found: install them with `apt-get install postgresql` (Debian), or set DATABASE_URL',
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'exec-pg-'));
  const asRoot = process.getuid?.() === 0;
  const wrap = (args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0] as string, args.slice(1)];
  if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const [initCmd, initArgs] = wrap([
    initdb,
    '-D',
    join(dir, 'data'),
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const [cmd, args] = wrap([
    postgres,
    '-D',
    join(dir, 'data'),
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
  ]);
  const child = spawn(cmd, args, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // The port opens before the server accepts sessions: wait for one that answers.
  await until(`postgres on port ${port}`, () => answersQuery(url), 20_000);
  return {
    url,
    port,
    stop: () => stopChild(child, () => rmSync(dir, { recursive: true, force: true })),
  };
}

function uidOf(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
function gidOf(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}

async function stopChild(child: ChildProcess, cleanup: () => void): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  cleanup();
}
