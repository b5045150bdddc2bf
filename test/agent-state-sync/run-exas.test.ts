// `exec-connector run exas` as the container runs it: configured by environment only, against the Stat
// Server simulator, an EXCS stand-in, the Genesys Cloud emulator and a real Redis.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { createCloudClient } from '../../src/cloud/index.ts';
import { startCloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import { startStatServerSimulator } from '../../src/lab/engage/stat-server/simulator.ts';
import { freePort, startRedisServer, testKeyPrefix } from '../harness/index.ts';
import { startFakeExcs, until } from './lab.ts';

describe('exec-connector run exas', () => {
  const stops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const s of stops.reverse()) await s();
  });

  it('starts from the environment, serves /health and syncs an agent', async () => {
    const emulator = await startCloudEmulator({ port: 0, rateLimitPerMinute: 'off' });
    stops.push(() => emulator.stop());
    const admin = createCloudClient({
      apiUrl: emulator.url,
      authUrl: emulator.url,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    });
    stops.push(() => admin.close());
    const user = await admin.scim.createUser({
      userName: 'run1@example.com',
      displayName: 'Run One',
      externalId: 'run-1',
      active: true,
    });
    const source = await admin.presence.createSource({ name: 'Engage' });
    const excs = await startFakeExcs(source.id as string);
    stops.push(() => excs.stop());
    excs.users = [
      {
        dbid: 1,
        userName: 'run1@example.com',
        employeeId: '7001',
        cloudId: user.id as string,
        active: true,
        isAgent: true,
      },
    ];
    const sim = await startStatServerSimulator({ agents: ['7001'] });
    stops.push(() => sim.stop());
    // A Redis of its own (stopped below), so the file also runs on its own with node --test.
    const redisServer = await startRedisServer();
    stops.unshift(() => redisServer.stop());
    const redis = new URL(redisServer.url);
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/exec-connector.js', 'run', 'exas'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        EXEC_TENANT_ID: '1',
        EXAS_PORT: String(port),
        EXAS_STAT_SERVER_PRIMARY_HOST: '127.0.0.1',
        EXAS_STAT_SERVER_PRIMARY_PORT: String(sim.primaryPort),
        EXAS_STAT_SERVER_BACKUP_HOST: '127.0.0.1',
        EXAS_STAT_SERVER_BACKUP_PORT: String(sim.backupPort),
        EXEC_EXCS_URL: excs.url,
        EXEC_GC_API_URL: emulator.url,
        EXEC_GC_AUTH_URL: emulator.url,
        EXEC_GC_CLIENT_ID: emulator.clientId,
        EXEC_GC_CLIENT_SECRET: emulator.clientSecret,
        EXEC_REDIS_HOST: redis.hostname,
        EXEC_REDIS_PORT: redis.port,
        EXEC_REDIS_KEY_PREFIX: testKeyPrefix('run-exas'),
        LOG_CONSOLE_LEVEL: 'WARN',
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    stops.push(async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    const health = async () => {
      if (child.exitCode !== null) throw new Error(`run exas exited with ${child.exitCode}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/health`);
        return r.status === 200;
      } catch {
        return false;
      }
    };
    await until('healthy', health, { timeoutMs: 30_000, intervalMs: 100 }).catch((err: Error) => {
      throw new Error(`${err.message}\n${out}`);
    });
    sim.setAgent('7001', { state: 'NotReady', reason: 'Training', call: 'none' });
    await until('Training in the org', async () => {
      const org = (await (await fetch(`${emulator.url}/__emulator/org`)).json()) as {
        users: { id: string; presence: { systemPresence: string } | null }[];
      };
      return org.users.find((u) => u.id === user.id)?.presence?.systemPresence === 'Training';
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assert.match(metrics, /exec_exas_events_total\{[^}]*value="Training"/);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
