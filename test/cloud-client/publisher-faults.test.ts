// EXAS's publisher with the real cloud client against the strict emulator and its fault presets: 30% of
// events answered `retryable: true` and tokens expiring mid-run (401 credentials.expired). Every agent's
// last state still reaches the org, re-sent events are accepted, none is applied twice and none rejected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { silentLogger } from '../../src/core/logger.ts';
import { StatePublisher } from '../../src/services/agent-state-sync/publisher.ts';
import type { UserState } from '../../src/services/agent-state-sync/reducer.ts';
import { createUsers, org, startLab, type Lab } from './helpers.ts';

let lab: Lab;
before(async () => {
  lab = await startLab({ rateLimitPerMinute: 'off' });
});
after(async () => {
  await lab.stop();
});

interface OrgUsers {
  users: {
    id: string;
    presence: { systemPresence: string } | null;
    routingStatus: { status: string } | null;
  }[];
}

test('retryable events and expired credentials: every last state arrives, accepted once', async () => {
  const users = await createUsers(lab, 20, 'publisher');
  const source = await lab.client.presence.ensureSource({ name: 'Engage publisher test' });
  const presenceIds = await lab.client.presence.systemPresenceIds();
  await lab.admin('PUT', 'faults', {
    presets: [
      { name: 'retryableEvents', rate: 0.3 },
      { name: 'expiredCredentials', rate: 0.05 },
    ],
  });
  const rejected: string[] = [];
  let retried = 0;
  const publisher = new StatePublisher({
    sink: lab.client.events,
    context: async () => ({ sourceId: source.id as string, presenceIds }),
    logger: silentLogger(),
    retryDelayMs: 10,
    maxRetryDelayMs: 50,
    hooks: {
      rejected: (_c, _v, _i, message) => rejected.push(message),
      retried: (_c, count) => (retried += count),
    },
  });
  await publisher.start();
  const states: UserState[] = [
    { presence: 'Busy', routingStatus: 'OffQueue' },
    { presence: 'OnQueue', routingStatus: 'Idle' },
    { presence: 'OnQueue', routingStatus: 'Interacting' },
  ];
  const t0 = Date.now();
  for (const [step, state] of states.entries()) {
    users.forEach((id, i) => publisher.set(id, `e${i}`, state, t0 + step * 1000));
    await publisher.idle();
  }
  await publisher.stop();
  await lab.admin('DELETE', 'faults');
  assert.deepEqual(rejected, []);
  assert.ok(retried > 0, 'some events were re-sent');
  const dump = (await org(lab)) as unknown as OrgUsers;
  for (const id of users) {
    const u = dump.users.find((x) => x.id === id);
    assert.equal(u?.presence?.systemPresence, 'OnQueue', id);
    assert.equal(u?.routingStatus?.status, 'Interacting', id);
  }
  const audit = await lab.admin<{
    events: { status: string }[];
    requests: { status: number; fault?: string }[];
  }>('GET', 'audit');
  assert.ok(
    audit.requests.some((r) => r.fault === 'expireToken'),
    'a token expired mid-run',
  );
  assert.equal(audit.events.filter((e) => e.status === 'duplicate').length, 0, 'nothing applied twice');
});
