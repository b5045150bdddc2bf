import assert from 'node:assert/strict';
import { it } from 'node:test';
import { OutboxQueues, stagesOf, type EventTrace, type OutItem } from './outbox-queues.ts';

const item = (seq: number, conversationId: string): OutItem => ({
  seq,
  conversationId,
  callUuid: conversationId,
  tagged: { kind: 'communicationEndedEvents', event: { eventId: `e${seq}` } } as OutItem['tagged'],
  eventTimeMs: 0,
});

const seqs = (items: OutItem[]) => items.map((i) => i.seq);

it('offers one event per conversation, the next only once the previous was answered', () => {
  const q = new OutboxQueues();
  q.add([item(1, 'A'), item(2, 'A'), item(3, 'B'), item(4, 'A'), item(5, 'C')]);
  const r1 = q.take(10);
  assert.deepEqual(seqs(r1), [1, 3, 5], 'heads of A, B, C');
  assert.deepEqual(seqs(q.take(10)), [], 'nothing more while all three are in flight');
  // A's head failed retryably: it stays the head and goes again, before A's later events.
  q.settle(r1[0]!, false);
  q.settle(r1[1]!, true);
  assert.deepEqual(seqs(q.take(10)), [1]);
  assert.equal(q.size, 4);
});

it('fills a request across conversations up to the limit, the longest-waiting first', () => {
  const q = new OutboxQueues();
  q.add([item(1, 'A'), item(2, 'B'), item(3, 'C'), item(4, 'A'), item(5, 'D')]);
  const r1 = q.take(2);
  assert.deepEqual(seqs(r1), [1, 2]);
  for (const i of r1) q.settle(i, true);
  // C and D waited longer than A's second event.
  assert.deepEqual(seqs(q.take(2)), [3, 5]);
  assert.deepEqual(seqs(q.take(2)), [4]);
});

it('forgets everything on clear (the lease went elsewhere)', () => {
  const q = new OutboxQueues();
  q.add([item(1, 'A')]);
  const [a] = q.take(1);
  q.clear();
  q.settle(a!, true);
  assert.equal(q.size, 0);
  assert.deepEqual(q.take(5), []);
});

it('offers a head in doubt only to be read back, once its request can no longer be on its way', () => {
  const q = new OutboxQueues();
  const doubtful = { ...item(1, 'A'), sentAt: 1000 };
  q.add([doubtful, item(2, 'A'), item(3, 'B')]);
  assert.deepEqual(seqs(q.take(10)), [3], 'A waits: its head is in doubt');
  assert.equal(q.oldestInDoubt(), 1000);
  assert.deepEqual(seqs(q.takeInDoubt(10, 1000)), [], 'sent too recently');
  const [d] = q.takeInDoubt(10, 1001);
  assert.equal(d?.seq, 1);
  assert.equal(q.oldestInDoubt(), undefined, 'being read back');
  // Read back: not applied, so it goes again as any other event, before A's later ones.
  delete d!.sentAt;
  q.settle(d!, false);
  assert.deepEqual(seqs(q.take(10)), [1]);
});

const on = (seq: number, conversationId: string, kind: string, communicationId: string): OutItem => ({
  ...item(seq, conversationId),
  tagged: { kind, event: { eventId: `e${seq}`, communicationId } } as OutItem['tagged'],
});

it("takes a conversation's next events with its head while their order provably does not matter", () => {
  const q = new OutboxQueues();
  q.add([
    on(1, 'A', 'communicationAnsweredEvents', 'U'),
    on(2, 'A', 'communicationEndedEvents', 'Q'),
    on(3, 'A', 'communicationEndedEvents', 'U'),
    on(4, 'B', 'communicationEndedEvents', 'E'),
  ]);
  const r1 = q.take(10);
  assert.deepEqual(seqs(r1), [1, 2, 4], 'A: answered U with ended Q; ended U acts on U again, so waits');
  // The later member was applied, the head failed retryably: the head stays first, A stays busy until
  // every member of its request is settled.
  q.settle(r1[1]!, true);
  assert.deepEqual(seqs(q.take(10)), [], 'A still has its head in flight');
  q.settle(r1[0]!, false);
  q.settle(r1[2]!, true);
  assert.deepEqual(seqs(q.take(10)), [1], 'the head again; ended U still waits for it');
  assert.equal(q.size, 2);
});

it('stops a group at the limit and at an event in doubt', () => {
  const q = new OutboxQueues();
  q.add([
    on(1, 'A', 'communicationEndedEvents', 'X'),
    on(2, 'A', 'communicationEndedEvents', 'Y'),
    { ...on(3, 'A', 'communicationEndedEvents', 'Z'), sentAt: 5 },
  ]);
  const r1 = q.take(1);
  assert.deepEqual(seqs(r1), [1]);
  q.settle(r1[0]!, true);
  assert.deepEqual(seqs(q.take(10)), [2], 'not with the event in doubt');
});

it('splits an accepted event latency into its hops, which add up to it; none without a full trace', () => {
  const trace: EventTrace = { receivedAt: 1003, committedAt: 1030 };
  const traced: OutItem = { ...item(1, 'A'), eventTimeMs: 1000, trace };
  assert.equal(stagesOf(traced, 1060), undefined, 'its request never started');
  trace.requestAt = 1031;
  assert.deepEqual(stagesOf(traced, 1060), { received: 3, processed: 27, queued: 1, sent: 29 });
  assert.equal(stagesOf(item(2, 'A'), 1060), undefined, 'loaded after a takeover: no trace');
});
