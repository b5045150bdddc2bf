// The sender against in-memory fakes: when a conversation's next request may go, and what shares one.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TaggedConversationEvent } from '../../../cloud/areas/events.ts';
import { silentLogger } from '../../../core/logger.ts';
import { OutboxQueues, type OutItem } from './outbox-queues.ts';
import { ConversationSender } from './sender.ts';

const item = (seq: number, kind: string, communicationId: string): OutItem => ({
  seq,
  conversationId: 'C',
  callUuid: 'C',
  tagged: { kind, event: { eventId: `e${seq}`, communicationId } } as TaggedConversationEvent,
  eventTimeMs: 0,
});

const tick = () => new Promise((r) => setImmediate(r));

function rig() {
  const queues = new OutboxQueues();
  const log: string[] = [];
  const acks: (() => void)[] = [];
  const sender = new ConversationSender({
    queues,
    send: async (events) => {
      log.push(`send ${events.map((e) => (e.event as { eventId: string }).eventId).join('+')}`);
      return { submitted: events.length, batches: 1, errors: [] };
    },
    markSending: async () => true,
    // Redis is slow to acknowledge: each acknowledgement waits until the test lets it land.
    ack: (_token, seqs) => {
      log.push(`ack ${seqs.join('+')}`);
      return new Promise<boolean>((r) => acks.push(() => r(true)));
    },
    readBack: async () => undefined,
    token: () => 1,
    batchLimit: 100,
    maxInFlight: 4,
    logger: silentLogger(),
    hooks: {
      accepted: () => undefined,
      rejected: () => undefined,
      retried: () => undefined,
      request: () => undefined,
      inDoubt: () => undefined,
    },
    onFenced: () => assert.fail('fenced'),
  });
  return { queues, log, acks, sender };
}

it("sends a conversation's next event once the previous request is answered, not once Redis acknowledged it", async () => {
  const { queues, log, acks, sender } = rig();
  queues.add([item(1, 'communicationAnsweredEvents', 'U'), item(2, 'holdUpdatedEvents', 'U')]);
  sender.start();
  for (let i = 0; i < 10; i++) await tick();
  assert.deepEqual(log, ['send e1', 'ack 1', 'send e2', 'ack 2'], 'e2 went while ack 1 was pending');
  let settled = false;
  void sender.settled().then(() => (settled = true));
  await tick();
  assert.equal(settled, false, 'not settled while acknowledgements are on their way');
  for (const a of acks) a();
  await tick();
  assert.equal(settled, true);
  sender.stop();
});

it('sends events that commute in one request, and the one that does not after it', async () => {
  const { queues, log, acks, sender } = rig();
  queues.add([
    item(1, 'communicationAnsweredEvents', 'U'),
    item(2, 'communicationEndedEvents', 'Q'),
    item(3, 'communicationEndedEvents', 'U'),
  ]);
  sender.start();
  for (let i = 0; i < 10; i++) await tick();
  for (const a of acks) a();
  assert.deepEqual(log, ['send e1+e2', 'ack 1+2', 'send e3', 'ack 3']);
  sender.stop();
});
