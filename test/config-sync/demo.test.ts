// EXCS as a demo component: the lab Config DB component (embedded PGlite over the wire protocol), EXCS,
// the emulator; the initial sync shows a progress bar and lands in the org.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DemoContext } from '../../src/core/demo-component.ts';
import { startCloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import { labConfigDbComponent } from '../../src/lab/engage/configdb/demoComponent.ts';
import { configSyncDemoComponent, progressBar } from '../../src/services/config-sync/demoComponent.ts';
import { until } from './harness.ts';

test('progress bar', () => {
  assert.equal(progressBar(0, 10, 10), '[----------]   0% (0/10)');
  assert.equal(progressBar(5, 10, 10), '[#####-----]  50% (5/10)');
  assert.equal(progressBar(10, 10, 10), '[##########] 100% (10/10)');
  assert.equal(progressBar(0, 0, 4), '[----]   0% (0/0)');
});

test('the demo component syncs the lab Config DB into the emulator with a progress bar', async () => {
  const emulator = await startCloudEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 'off' });
  const out: string[] = [];
  const ctx: DemoContext = {
    options: { agents: 20, caps: 0, changes: false, open: false },
    io: { out: (l) => out.push(l), err: (l) => out.push(`ERR ${l}`) },
    urls: { cloud: emulator.url },
  };
  const db = await labConfigDbComponent({ port: 0 }).start(ctx);
  Object.assign(ctx.urls, db.urls);
  const excs = await configSyncDemoComponent({ port: 0, pollMs: 300, rateLimitPerMinute: 100_000 }).start(
    ctx,
  );
  try {
    await until(
      'initial sync done',
      async () => out.some((l) => l.startsWith('EXCS initial sync done')),
      60_000,
    );
    assert.ok(
      out.some((l) => /EXCS initial sync \[#+-*\] +\d+%/.test(l)),
      out.join('\n'),
    );
    assert.ok(!out.some((l) => l.startsWith('ERR')), out.join('\n'));
    const org = (await (await fetch(`${emulator.url}/__emulator/org`)).json()) as { users: unknown[] };
    assert.ok(org.users.length > 10);
    const status = await fetch(`${excs.urls?.excs}/status`);
    assert.equal(status.status, 200);
  } finally {
    await excs.stop();
    await db.stop();
    await emulator.stop();
  }
});
