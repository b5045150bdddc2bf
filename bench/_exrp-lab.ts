// What `bench exrp` runs EXRP against: a throwaway Redis, the emulator (no rate limit, sorted events),
// the lab WebDAV server on a temporary directory, and the org objects a conversation needs.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabWebdav } from '../src/lab/webdav/index.ts';
import type { RecordingSettings } from '../src/services/recording-provider/settings.ts';
import { startWithClient, type EmulatorClient } from '../test/cloud-emulator/helpers.ts';
import { startRedisServer } from '../test/harness/servers.ts';

export async function startWebdavBenchLab() {
  const redis = await startRedisServer();
  const emu: EmulatorClient = await startWithClient({ rateLimitPerMinute: 'off', eventOrder: 'sorted' });
  await emu.login();
  const webdavRoot = mkdtempSync(join(tmpdir(), 'exrp-bench-dav-'));
  const workDir = mkdtempSync(join(tmpdir(), 'exrp-bench-work-'));
  const webdav = await startLabWebdav({
    port: 0,
    user: 'bench',
    password: 'bench-webdav-pw',
    root: webdavRoot,
  });
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
    webdav: { url: webdav.url, username: 'bench', password: 'bench-webdav-pw' },
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
    webdavFiles: () => webdav.files(),
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
      await webdav.stop();
      await emu.emu.stop();
      await redis.stop();
      rmSync(webdavRoot, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
