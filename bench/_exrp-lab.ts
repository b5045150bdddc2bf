// What `bench exrp` runs EXRP against: a throwaway Redis, the emulator (no rate limit, sorted events),
// the lab WebDAV server on a temporary directory, and the org objects a conversation needs.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabWebdav } from '../src/lab/webdav/index.ts';
import type { RecordingSettings } from '../src/services/recording-provider/settings.ts';
import { startWithClient, type EmulatorClient } from '../test/cloud-emulator/helpers.ts';
import { freePort, startRedisServer } from '../test/harness/servers.ts';

export async function startWebdavBenchLab() {
  const redis = await startRedisServer();
  const emu: EmulatorClient = await startWithClient({ rateLimitPerMinute: 'off', eventOrder: 'sorted' });
  await emu.login();
  const webdavRoot = mkdtempSync(join(tmpdir(), 'exrp-bench-dav-'));
  const workDir = mkdtempSync(join(tmpdir(), 'exrp-bench-work-'));
  const dav = { user: 'bench', password: 'bench-webdav-pw', root: webdavRoot };
  const first = await startLabWebdav({ port: 0, ...dav });
  const holder = { webdav: first };
  const id = async (path: string, body: unknown) => (await emu.call('POST', path, body)).body.id as string;
  const fixture = {
    sourceId: await id('/api/v2/presence/sources', { name: `src-${randomUUID()}` }),
    queueId: await id('/api/v2/routing/queues', { name: `q-${randomUUID()}` }),
    userId: await id('/api/v2/scim/v2/users', {
      userName: `b-${randomUUID()}@example.com`,
      displayName: 'Bench',
    }),
    wrapupCodeId: await id('/api/v2/routing/wrapupcodes', { name: `w-${randomUUID()}` }),
  };
  const settings: RecordingSettings = {
    webdav: { url: first.url, username: 'bench', password: 'bench-webdav-pw' },
    cloud: {
      apiUrl: emu.emu.url,
      authUrl: emu.emu.url,
      clientId: emu.emu.clientId,
      clientSecret: emu.emu.clientSecret,
    },
  };
  const u = new URL(redis.url);
  return {
    emu,
    fixture,
    settings,
    webdavRoot,
    webdavFiles: () => holder.webdav.files(),
    /** A WebDAV outage of `downMs`: the server stops and comes back on the same port and files. */
    async webdavOutage(downMs: number) {
      await holder.webdav.stop();
      await new Promise((r) => setTimeout(r, downMs));
      holder.webdav = await startLabWebdav({ port: first.port, ...dav });
    },
    env: (prefix: string): Record<string, string> => ({
      EXEC_REDIS_HOST: u.hostname,
      EXEC_REDIS_PORT: u.port,
      EXEC_REDIS_KEY_PREFIX: `bench:${prefix}:`,
      EXRP_WORK_DIR: workDir,
      EXRP_RETRY_BACKOFF_MS: '500',
      EXRP_WEBDAV_URL: settings.webdav.url,
      EXRP_WEBDAV_USER: settings.webdav.username,
      EXRP_WEBDAV_PASSWORD: settings.webdav.password,
      EXEC_GC_API_URL: emu.emu.url,
      EXEC_GC_AUTH_URL: emu.emu.url,
      EXEC_GC_CLIENT_ID: emu.emu.clientId,
      EXEC_GC_CLIENT_SECRET: emu.emu.clientSecret,
      // Required by `run exrp`, unused when the overrides above say everything.
      EXRP_CONFIG_SERVER_PRIMARY_HOST: '127.0.0.1',
      EXRP_CONFIG_SERVER_PRIMARY_PORT: '5432',
      EXRP_CONFIG_SERVER_USER: 'unused',
      EXRP_CONFIG_SERVER_PASSWORD: 'unused-password',
      EXRP_CONFIG_SERVER_APPLICATION: 'unused',
    }),
    async stop() {
      await holder.webdav.stop();
      await emu.emu.stop();
      await redis.stop();
      rmSync(webdavRoot, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** One `run exrp` process (from dist/ when built) and its resident set size, read from /proc every 20 ms. */
export class ExrpProcess {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    readonly url: string,
    readonly child: ChildProcess,
  ) {
    this.timer = setInterval(() => this.sample(), 20);
  }

  static async start(env: Record<string, string>): Promise<ExrpProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/exec-connector.js', 'run', 'exrp'], {
      env: { PATH: process.env.PATH, ...env, EXRP_PORT: String(port), LOG_CONSOLE_LEVEL: 'WARN' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const p = new ExrpProcess(`http://127.0.0.1:${port}`, child);
    for (const deadline = Date.now() + 60_000; ;) {
      if (child.exitCode !== null) throw new Error(`exrp exited ${child.exitCode}`);
      const ok = await fetch(`${p.url}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return p;
      if (Date.now() > deadline) throw new Error('exrp did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private sample(): number {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1];
      const rss = Number(kb ?? 0) * 1024;
      this.peak = Math.max(this.peak, rss);
      return rss;
    } catch {
      return 0;
    }
  }

  async rss(): Promise<number> {
    this.sample();
    return this.peak;
  }

  reset(): void {
    this.peak = this.sample();
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    clearInterval(this.timer);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill(signal);
    await exited;
  }
}

/** MCP's interaction end for `file`, recorded on communication `A` of the conversation; throws unless 202. */
export async function postInteractionEnd(
  url: string,
  file: string,
  call: { conversationId: string; A: string },
  startMs: number,
  endMs: number,
): Promise<void> {
  const res = await fetch(`${url}/api/v1/interactions/end`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      segmentId: randomUUID(),
      file,
      mediaType: 'audio/opus',
      callUuid: randomUUID(),
      conversationId: call.conversationId,
      participantId: call.A,
      communicationId: call.A,
      startTime: new Date(startMs).toISOString(),
      endTime: new Date(endMs).toISOString(),
    }),
  });
  if (res.status !== 202) throw new Error(`interaction-end: HTTP ${res.status} ${await res.text()}`);
}
