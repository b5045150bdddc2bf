// The simulator as a demo component: starts on the given ports with the demo's call rate, and stops.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { labSipServerComponent } from '../../src/lab/engage/sip-server/demoComponent.ts';

it('starts the SIP Server simulator for the demo and stops it', async () => {
  const out: string[] = [];
  const started = await labSipServerComponent({ port: 0, backupPort: 0, adminPort: 0 }).start({
    options: { agents: 12, caps: 0, changes: false, open: false },
    io: { out: (l) => out.push(l), err: (l) => out.push(l) },
    urls: {},
  });
  try {
    assert.match(started.urls?.['sip'] ?? '', /^127\.0\.0\.1:\d+\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${started.urls?.['sipAdmin']}/traffic`);
    assert.deepEqual(((await res.json()) as { caps: number }).caps, 0);
    assert.match(out.join('\n'), /SIP Server simulator: .* 0 calls\/s/);
  } finally {
    await started.stop();
  }
});
