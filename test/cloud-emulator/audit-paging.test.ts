// readAudit (test/harness/emulator-audit.ts) reads the emulator's whole audit trail across pages: requests
// and events share one sequence and each list fills its pages at its own pace; nothing is skipped or
// read twice. (One page of the admin API holds 100,000 entries of each list: the ten-minute kill test
// injects more events than that.)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { readAudit } from '../harness/emulator-audit.ts';
import { startWithClient, type EmulatorClient } from './helpers.ts';

let c: EmulatorClient;
before(async () => {
  c = await startWithClient({ rateLimitPerMinute: 'off' });
  await c.login();
});
after(async () => c.emu.stop());

type Req = { seq: number; path: string };
type Ev = { seq: number; eventId: string; status: string };

it('reads every request and every event once, whatever the page size', async () => {
  const sourceId = (await c.call('POST', '/api/v2/presence/sources', { name: `src-${randomUUID()}` })).body
    .id as string;
  const userId = (
    await c.call('POST', '/api/v2/scim/v2/users', {
      userName: 'paging@example.com',
      displayName: 'Paging',
      externalId: 'paging',
    })
  ).body.id as string;
  const status = (s: string) => ({
    eventId: randomUUID(),
    eventDateTime: new Date().toISOString(),
    agentId: userId,
    sourceId,
    status: s,
  });
  // Requests of one event, of three events and of none: the two lists grow unevenly.
  const sent: string[] = [];
  for (let i = 0; i < 6; i++) {
    const events = i % 2 ? [status('Idle'), status('Idle'), status('Idle')] : [status('Idle')];
    sent.push(...events.map((e) => e.eventId));
    const r = await c.call('POST', '/api/v2/events/users/routingstatus', { userRoutingStatusEvents: events });
    assert.deepEqual(r.body, { errors: [] });
    await c.call('GET', `/api/v2/users/${userId}`);
  }
  const whole = await readAudit<Req, Ev>(c.emu.url, 0, 1_000_000);
  assert.deepEqual(
    whole.events.map((e) => e.eventId),
    sent,
  );
  for (const pageSize of [1, 2, 3, 5, 7]) {
    const paged = await readAudit<Req, Ev>(c.emu.url, 0, pageSize);
    assert.deepEqual(paged.requests, whole.requests, `requests, pages of ${pageSize}`);
    assert.deepEqual(paged.events, whole.events, `events, pages of ${pageSize}`);
  }
  // From a sequence number on: only what came after it.
  const mid = whole.events[5]!.seq;
  const tail = await readAudit<Req, Ev>(c.emu.url, mid, 2);
  assert.deepEqual(
    tail.events,
    whole.events.filter((e) => e.seq > mid),
  );
  assert.deepEqual(
    tail.requests,
    whole.requests.filter((r) => r.seq > mid),
  );
});
