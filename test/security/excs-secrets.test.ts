// Issue 16 items 1, 2 and 5 on a real EXCS (lab Config DB on PostgreSQL, real Redis, the cloud emulator):
// - with EXEC_API_TOKEN set, no spelling of /api/v1/settings/* answers without the token;
// - without it, /api/v1/settings/* withholds the OAuth client secret and says so;
// - PostgreSQL stopped: /health and /status say the Config DB is down.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, describe, it } from 'node:test';
import { commonConfig } from '../../src/core/config/service-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { openConfigDbUrl } from '../../src/engage/configdb/index.ts';
import { startCloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import { openLabDatabase, seedLabConfigDb } from '../../src/lab/engage/configdb/index.ts';
import { createConfigSync, type ConfigSync } from '../../src/services/config-sync/service.ts';
import { startService } from '../../src/services/runtime.ts';
import { initialSync, startRig, until } from '../config-sync/harness.ts';
import { startPostgresServer, testKeyPrefix, testRedisUrl } from '../harness/index.ts';

const TOKEN = 'excs-api-token-for-tests';

function rawGet(base: string, path: string): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname);
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      data += d;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (m) {
        sock.destroy();
        resolve(Number(m[1]));
      }
    });
    sock.on('error', reject);
    sock.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  });
}

interface SettingsBody {
  data: { section: string; settings: Record<string, string>; withheld: string[] };
}

describe('EXCS settings and the API token', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('with EXEC_API_TOKEN: every spelling is 401 without it; the secret is served with it', async () => {
    const rig = await startRig(5, 'sec_token');
    closers.push(() => rig.close());
    rig.vars.EXEC_API_TOKEN = TOKEN;
    const { running, sync } = await rig.startExcs();
    await initialSync(sync);
    for (const path of [
      '/api/v1/settings/agent_state_sync',
      '/%61pi/v1/settings/agent_state_sync',
      '/ap%69/v1/settings/agent_state_sync',
      '/%61%70%69/v1/plan',
      '//api/v1/settings/agent_state_sync',
      '/API/v1/settings/agent_state_sync',
      '/api/v1/mappings/users',
    ]) {
      assert.equal(await rawGet(running.url, path), 401, path);
    }
    const res = await fetch(`${running.url}/api/v1/settings/agent_state_sync`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as SettingsBody;
    assert.equal(body.data.settings.client_secret, 'exec-lab-secret');
    assert.deepEqual(body.data.withheld, []);
    await rig.stopExcs();

    // Without a token: nobody can prove they hold one, so the secret stays in EXCS.
    delete rig.vars.EXEC_API_TOKEN;
    const open = await rig.startExcs();
    await initialSync(open.sync);
    for (const path of ['/api/v1/settings/agent_state_sync', '/%61pi/v1/settings/agent_state_sync']) {
      const r = (await (await fetch(`${open.running.url}${path}`)).json()) as SettingsBody;
      assert.equal(r.data.settings.client_secret, undefined, path);
      assert.deepEqual(r.data.withheld, ['client_secret']);
      assert.equal(typeof r.data.settings.client_id, 'string');
    }
  });

  it('PostgreSQL stopped: /health 503 with configDb DOWN, /status Failed naming the Config DB', async () => {
    const pgServer = await startPostgresServer();
    closers.push(() => pgServer.stop().catch(() => undefined));
    const emulator = await startCloudEmulator({ port: 0, rateLimitPerMinute: 'off' });
    closers.push(() => emulator.stop());
    const lab = await openLabDatabase(pgServer.url);
    await seedLabConfigDb(lab.client, { agents: 5, cloudUrl: emulator.url });
    await lab.close();
    const redis = new URL(await testRedisUrl());
    let sync: ConfigSync | undefined;
    const running = await startService(
      {
        name: 'excs',
        port: () => 0,
        create: async (deps) =>
          (sync = await createConfigSync(deps, { configDb: openConfigDbUrl(pgServer.url), pollMs: 200 })),
      },
      {
        config: commonConfig(
          'excs',
          {
            EXEC_REDIS_HOST: redis.hostname,
            EXEC_REDIS_PORT: Number(redis.port),
            EXEC_REDIS_KEY_PREFIX: testKeyPrefix('sec_pgdown'),
            EXEC_API_TOKEN: TOKEN,
          },
          [],
        ),
        logger: silentLogger(),
        host: '127.0.0.1',
        port: 0,
      },
    );
    closers.push(() => running.stop());
    await initialSync(sync as ConfigSync);
    assert.equal((await fetch(`${running.url}/health`)).status, 200);

    await pgServer.stop();
    const status = await until(
      '/status to report the Config DB down',
      async () => {
        const s = (await (await fetch(`${running.url}/status`)).json()) as {
          status: { message: string };
          data: { syncStatus: { status: string }; lastError: string | null };
        };
        return s.data.syncStatus.status === 'Failed' ? s : undefined;
      },
      30_000,
    );
    assert.match(status.data.lastError ?? '', /^Config DB/);
    assert.match(status.status.message, /Config DB/);
    const health = await fetch(`${running.url}/health`);
    assert.equal(health.status, 503);
    const h = (await health.json()) as { data: { dependencies: Record<string, { status: string }> } };
    assert.equal(h.data.dependencies.configDb?.status, 'DOWN');
  });
});
