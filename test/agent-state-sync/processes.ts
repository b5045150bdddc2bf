// Lab parts in their own processes (as in a deployment): the Stat Server simulator and the Genesys Cloud
// emulator through `exec-connector lab …`.
import { spawn } from 'node:child_process';
import type { CloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import type { StatServerSimulator } from '../../src/lab/engage/stat-server/simulator.ts';
import { freePort } from '../harness/index.ts';
import { until } from './checks.ts';

export async function startSimProcess(
  agents: readonly string[],
  changesPerSecond: number,
): Promise<StatServerSimulator> {
  const child = spawn(
    process.execPath,
    [
      'bin/exec-connector.js',
      'lab',
      'engage',
      'stat',
      '--port',
      '0',
      '--backup-port',
      '0',
      '--admin-port',
      '0',
      '--strict',
      '--rate',
      String(changesPerSecond),
      '--agents',
      agents.join(','),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await until('simulator process', () => /admin API: http/.test(out) || child.exitCode !== null, {
    timeoutMs: 30_000,
    intervalMs: 50,
  });
  const m = /primary [\d.]+:(\d+), backup [\d.]+:(\d+)/.exec(out);
  const adminUrl = /admin API: (http:\/\/\S+)/.exec(out)?.[1];
  if (!m || !adminUrl) throw new Error(`lab engage stat did not start: ${out}`);
  const post = (path: string, body?: unknown) =>
    fetch(`${adminUrl}${path}`, {
      method: 'POST',
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    }).then((r) => r.json());
  const inProcessOnly = (): never => {
    throw new Error('the simulator runs in another process: use its admin API');
  };
  return {
    primaryPort: Number(m[1]),
    backupPort: Number(m[2]),
    adminUrl,
    setAgent: inProcessOnly,
    getAgent: inProcessOnly,
    agents: inProcessOnly,
    switchover: () => post('/switchover'),
    killPrimary: () => post('/kill-primary'),
    restorePrimary: () => post('/restore-primary'),
    burst: inProcessOnly,
    setRate: inProcessOnly,
    sipReady: inProcessOnly,
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** `exec-connector lab cloud` as a child process; stop() sends Ctrl-C (the org is saved to statePath). */
export async function startEmulatorProcess(rate: number | 'off', statePath?: string): Promise<CloudEmulator> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      'bin/exec-connector.js',
      'lab',
      'cloud',
      '--port',
      String(port),
      '--rate-limit',
      String(rate),
      ...(statePath ? ['--state', statePath] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await until(
    'emulator process',
    () => out.includes('Genesys Cloud emulator at') || child.exitCode !== null,
    { timeoutMs: 30_000, intervalMs: 50 },
  );
  if (child.exitCode !== null) throw new Error(`lab cloud exited: ${out}`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clientId: 'exec-lab',
    clientSecret: 'exec-lab-secret',
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** The cloud client's Events API, recording each event's outcome like the proxy does. */
