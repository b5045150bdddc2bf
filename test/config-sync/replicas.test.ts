// One writer among EXCS replicas: two real `run excs` processes against one real Redis and one Config DB.
// Exactly one holds the writer lease and syncs; the other says it is the standby, applies nothing and
// serves the same mappings read-only; when the writer is killed (SIGKILL: no clean release) the standby
// takes over once the lease lapses, and a change made in Engage afterwards reaches the org through it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { updatePerson } from '../../src/lab/engage/configdb/index.ts';
import { freePort, until } from '../harness/index.ts';
import { startRig, TENANT, type Rig } from './harness.ts';

const LEASE_TTL_MS = 1500;

interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  lines: string[];
}

interface StatusBody {
  status: { message: string };
  data: {
    initialSyncDone: boolean;
    syncStatus: { status: string };
    lastPass: unknown;
    writer: {
      role: 'writer' | 'standby';
      instance: string;
      leaseToken: number | null;
      leaseHolder: string | null;
    };
  };
}

let rig: Rig;
const replicas: Replica[] = [];

async function startReplica(name: string): Promise<Replica> {
  const db = new URL(rig.db.url);
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/exec-connector.js', 'run', 'excs'], {
    env: {
      PATH: process.env.PATH,
      EXEC_TENANT_ID: '1',
      TENANT_NAME: TENANT,
      EXEC_ORG_ID: '6662cb10-0d4d-4710-b979-db69011e66fd',
      EXEC_REDIS_HOST: String(rig.vars.EXEC_REDIS_HOST),
      EXEC_REDIS_PORT: String(rig.vars.EXEC_REDIS_PORT),
      EXEC_REDIS_KEY_PREFIX: String(rig.vars.EXEC_REDIS_KEY_PREFIX),
      EXCS_PORT: String(port),
      EXCS_CONFIG_DB_HOST: db.hostname,
      EXCS_CONFIG_DB_PORT: db.port,
      EXCS_CONFIG_DB_USER: db.username,
      EXCS_CONFIG_DB_PASSWORD: 'unused-with-trust-auth',
      EXCS_CONFIG_DB_NAME: db.pathname.slice(1),
      EXCS_POLL_INTERVAL_MS: '300',
      EXCS_LEASE_TTL_MS: String(LEASE_TTL_MS),
      LOG_CONSOLE_LEVEL: 'INFO',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const replica: Replica = { name, url: `http://127.0.0.1:${port}`, child, lines: [] };
  for (const s of [child.stdout, child.stderr]) {
    s?.setEncoding('utf8');
    s?.on('data', (d: string) => replica.lines.push(...d.split('\n').filter(Boolean)));
  }
  replicas.push(replica);
  return replica;
}

async function statusOf(r: Replica): Promise<StatusBody | undefined> {
  try {
    return (await (await fetch(`${r.url}/status`)).json()) as StatusBody;
  } catch {
    return undefined;
  }
}

async function usersOf(r: Replica): Promise<{ version: number; users: { dbid: number; active: boolean }[] }> {
  const body = (await (await fetch(`${r.url}/api/v1/mappings/users`)).json()) as {
    data: { version: number; users: { dbid: number; active: boolean }[] };
  };
  return body.data;
}

before(async () => {
  rig = await startRig(20, 'excs_replicas');
});
after(async () => {
  for (const r of replicas) {
    if (r.child.exitCode !== null || r.child.signalCode !== null) continue;
    const exited = new Promise((done) => r.child.once('exit', done));
    r.child.kill('SIGTERM');
    await exited;
  }
  await rig.close();
});

test('two replicas: one writes, the other stands by, and takes over when the writer is killed', async () => {
  const [a, b] = [await startReplica('a'), await startReplica('b')];
  const both = await until(
    'both replicas up, one of them the writer with its initial sync done',
    async () => {
      const sa = await statusOf(a);
      const sb = await statusOf(b);
      if (!sa || !sb) return undefined;
      const writer = [sa, sb].find((s) => s.data.writer.role === 'writer');
      return writer?.data.initialSyncDone ? { sa, sb } : undefined;
    },
    180_000,
  );
  const [writer, standby] = both.sa.data.writer.role === 'writer' ? [a, b] : [b, a];
  const standbyStatus = (await statusOf(standby)) as StatusBody;
  const writerStatus = (await statusOf(writer)) as StatusBody;
  const log = (r: Replica) => r.lines.slice(-8).join('\n');

  // Exactly one writer; the standby names it and has applied nothing.
  assert.equal(standbyStatus.data.writer.role, 'standby', log(standby));
  assert.equal(standbyStatus.data.writer.leaseHolder, writerStatus.data.writer.instance);
  assert.equal(standbyStatus.data.lastPass, null, 'the standby ran no pass');
  assert.match(standbyStatus.status.message, /^Standby/);
  assert.doesNotMatch(standby.lines.join('\n'), /pass: \d+ operation/, 'the standby planned nothing');
  const token = writerStatus.data.writer.leaseToken;
  assert.ok(token !== null && token >= 1);

  // /health says which role each has.
  const health = async (r: Replica) =>
    (
      (await (await fetch(`${r.url}/health`)).json()) as {
        data: { dependencies: Record<string, { status: string; detail?: string }> };
      }
    ).data.dependencies.writerLease?.detail;
  assert.match((await health(writer)) ?? '', /^writer/);
  assert.match((await health(standby)) ?? '', /^standby/);

  // The standby serves the transaction's settings and the writer's mappings, read-only.
  await until(
    'the standby to serve the settings',
    async () => (await fetch(`${standby.url}/api/v1/settings/general`)).status === 200,
  );
  const written = await usersOf(writer);
  assert.ok(written.users.length > 10);
  await until('the standby to serve the same mappings', async () => {
    const served = await usersOf(standby);
    return served.version === written.version && served.users.length === written.users.length;
  });

  // Kill the writer without a chance to release the lease: the standby takes over after the TTL.
  writer.child.kill('SIGKILL');
  const promoted = await until(
    'the standby to become the writer',
    async () => {
      const s = await statusOf(standby);
      return s?.data.writer.role === 'writer' && s.data.initialSyncDone ? s : undefined;
    },
    120_000,
  );
  assert.ok((promoted.data.writer.leaseToken ?? 0) > token, 'a larger fencing token');

  // A change made in Engage now reaches the org through the new writer.
  const person = written.users.find((u) => u.active)?.dbid as number;
  await updatePerson(rig.lab.client, person, { firstName: 'Takenover' });
  await until(
    'the change to reach the org through the new writer',
    async () =>
      (await rig.org()).users.some(
        (u) => u.externalId.startsWith(`${person}_`) && u.displayName.startsWith('Takenover '),
      ),
    60_000,
  );
});
