// The recording path's test rig, all real: the Genesys Cloud emulator (recording keys, uploads, the
// decrypting upload target), the lab WebDAV server, a PostgreSQL Config DB holding the hybrid_integration
// transaction (standing in for Config Server), Redis for the shared queue, and EXRP instances in-process
// or as `run exrp` processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'webdav';
import { commonConfig } from '../../src/core/config/service-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { answeredCall, type CallIds } from '../../src/lab/cloud-emulator/events/test-fixtures.ts';
import {
  openLabDatabase,
  seedLabConfigDb,
  setTransactionOption,
} from '../../src/lab/engage/configdb/index.ts';
import type { RecordingView } from '../../src/lab/cloud-emulator/recordings.ts';
import { startLabWebdav, type LabWebdav } from '../../src/lab/webdav/index.ts';

export type { RecordingView };
import type { InteractionEndInput } from '../../src/services/recording-provider/interaction-end.ts';
import { exrpModule } from '../../src/services/recording-provider/module.ts';
import { startService, type RunningService } from '../../src/services/runtime.ts';
import { startWithClient, type EmulatorClient } from '../cloud-emulator/helpers.ts';
import {
  createTestDatabase,
  freePort,
  testKeyPrefix,
  testRedisUrl,
  type TestDatabase,
} from '../harness/index.ts';

export const WEBDAV_USER = 'recorder';
export const WEBDAV_PASSWORD = 'webdav-secret-1';

export interface SpawnedExrp {
  url: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

export interface Rig {
  emu: EmulatorClient;
  webdav: LabWebdav;
  webdavRoot: string;
  env: Record<string, string>;
  call(): Promise<CallIds & { userId: string }>;
  putFile(name: string, bytes: Buffer): Promise<void>;
  end(
    call: CallIds & { userId: string },
    file: string,
    extra?: Partial<InteractionEndInput>,
  ): InteractionEndInput;
  recordings(): Promise<RecordingView[]>;
  audio(r: RecordingView): Promise<Buffer>;
  startExrp(env?: Record<string, string>): Promise<RunningService>;
  spawnExrp(env?: Record<string, string>): Promise<SpawnedExrp>;
  restartWebdav(downMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/v1/interactions/end`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function startRig(suite: string, tuning: Record<string, string> = {}): Promise<Rig> {
  const emu = await startWithClient({ rateLimitPerMinute: 'off', eventOrder: 'sorted' });
  await emu.login();
  const webdavRoot = mkdtempSync(join(tmpdir(), 'exrp-webdav-'));
  const webdavPort = await freePort();
  let webdav = await startLabWebdav({
    port: webdavPort,
    user: WEBDAV_USER,
    password: WEBDAV_PASSWORD,
    root: webdavRoot,
  });
  const db: TestDatabase = await createTestDatabase(suite);
  const lab = await openLabDatabase(db.url);
  await seedLabConfigDb(lab.client, { agents: 3, cloudUrl: emu.emu.url });
  const storage = 'recording-uploader.exec.transientStorage';
  await setTransactionOption(lab.client, storage, 'url', webdav.url);
  await setTransactionOption(lab.client, storage, 'username', WEBDAV_USER);
  await setTransactionOption(lab.client, storage, 'password', WEBDAV_PASSWORD);
  await lab.close();
  const redis = new URL(await testRedisUrl());
  const dbUrl = new URL(db.url);
  const workDir = mkdtempSync(join(tmpdir(), 'exrp-work-'));
  const env: Record<string, string> = {
    EXEC_REDIS_HOST: redis.hostname,
    EXEC_REDIS_PORT: redis.port,
    EXEC_REDIS_KEY_PREFIX: testKeyPrefix(suite),
    EXRP_CONFIG_SERVER_PRIMARY_HOST: dbUrl.hostname,
    EXRP_CONFIG_SERVER_PRIMARY_PORT: dbUrl.port,
    EXRP_CONFIG_SERVER_USER: decodeURIComponent(dbUrl.username) || 'postgres',
    EXRP_CONFIG_SERVER_PASSWORD: decodeURIComponent(dbUrl.password) || 'unused-with-trust-auth',
    EXRP_CONFIG_SERVER_APPLICATION: dbUrl.pathname.slice(1),
    EXRP_WORK_DIR: workDir,
    EXRP_JOB_LOCK_MS: '2000',
    EXRP_RETRY_BACKOFF_MS: '200',
    EXRP_JOB_ATTEMPTS: '8',
    EXRP_CONFIRM_INTERVAL_MS: '200',
    ...tuning,
  };
  const f = {
    sourceId: (await emu.call('POST', '/api/v2/presence/sources', { name: `src-${randomUUID()}` })).body
      .id as string,
    queueId: (await emu.call('POST', '/api/v2/routing/queues', { name: `q-${randomUUID()}` })).body
      .id as string,
    userId: (
      await emu.call('POST', '/api/v2/scim/v2/users', {
        userName: `rec-${randomUUID()}@example.com`,
        displayName: 'Recorded Agent',
      })
    ).body.id as string,
    wrapupCodeId: (await emu.call('POST', '/api/v2/routing/wrapupcodes', { name: `w-${randomUUID()}` })).body
      .id as string,
  };
  const dav = () => createClient(webdav.url, { username: WEBDAV_USER, password: WEBDAV_PASSWORD });
  const inProcess: RunningService[] = [];
  const spawned: SpawnedExrp[] = [];
  const rig: Rig = {
    emu,
    get webdav() {
      return webdav;
    },
    webdavRoot,
    env,
    async call() {
      const c = answeredCall(f);
      const r = await emu.call('POST', '/api/v2/events/conversations', c.batch);
      if ((r.body.errors as unknown[] | undefined)?.length)
        throw new Error(`call refused: ${JSON.stringify(r.body)}`);
      return { ...c.ids, userId: f.userId };
    },
    async putFile(name, bytes) {
      await dav().putFileContents(`/${name}`, bytes);
    },
    end(call, file, extra = {}) {
      const now = Date.now();
      return {
        segmentId: `seg-${randomUUID()}`,
        file,
        mediaType: 'audio/opus',
        callUuid: `CALL${randomUUID().replace(/-/g, '').slice(0, 28).toUpperCase()}`,
        conversationId: call.conversationId,
        participantId: call.A,
        communicationId: call.A,
        userId: call.userId,
        startTime: new Date(now - 60_000).toISOString(),
        endTime: new Date(now).toISOString(),
        ...extra,
      };
    },
    async recordings() {
      return (await emu.admin('GET', 'recordings')).body as unknown as RecordingView[];
    },
    async audio(r) {
      const res = await fetch(r.audioUrl);
      if (res.status !== 200) throw new Error(`audio ${r.id}: HTTP ${res.status}`);
      if (res.headers.get('content-type') !== 'audio/ogg') throw new Error('audio is not audio/ogg');
      return Buffer.from(await res.arrayBuffer());
    },
    async startExrp(extra = {}) {
      const vars = { ...env, ...extra, EXRP_PORT: '0' };
      const s = await startService(exrpModule, {
        config: commonConfig('exrp', vars, [WEBDAV_PASSWORD]),
        logger: silentLogger(),
        host: '127.0.0.1',
        port: 0,
      });
      inProcess.push(s);
      return s;
    },
    async spawnExrp(extra = {}) {
      const port = await freePort();
      const child = spawn(process.execPath, ['bin/exec-connector.js', 'run', 'exrp'], {
        env: { PATH: process.env.PATH, ...env, ...extra, EXRP_PORT: String(port), LOG_CONSOLE_LEVEL: 'INFO' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const lines: string[] = [];
      for (const s of [child.stdout, child.stderr]) {
        s?.setEncoding('utf8');
        s?.on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
      }
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const p: SpawnedExrp = { url: `http://127.0.0.1:${port}`, child, lines, exited };
      spawned.push(p);
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`exrp exited ${child.exitCode}: ${lines.join('\n')}`);
        try {
          if ((await fetch(`${p.url}/health`)).status < 500) return p;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`exrp did not start: ${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async restartWebdav(downMs) {
      await webdav.stop();
      await new Promise((r) => setTimeout(r, downMs));
      webdav = await startLabWebdav({
        port: webdavPort,
        user: WEBDAV_USER,
        password: WEBDAV_PASSWORD,
        root: webdavRoot,
      });
    },
    async close() {
      for (const s of inProcess) await s.stop().catch(() => undefined);
      for (const p of spawned) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await webdav.stop().catch(() => undefined);
      await emu.emu.stop();
      await db.drop().catch(() => undefined);
      rmSync(webdavRoot, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Waits until `check` is true, polling; throws with `what` after `ms`. */
export async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
