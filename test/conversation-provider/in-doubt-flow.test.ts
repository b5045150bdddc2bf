// A takeover after a sender died mid-request, step by step on the real store scripts (memory twin) and
// the emulator over HTTP: the dead holder marked two requests and sent one of them (the emulator took
// it); its answer never arrived. The new holder reads the conversations back and sends only what was
// not taken: nothing is lost, and the emulator's audit shows no duplicate.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { TaggedConversationEvent } from '../../src/cloud/areas/events.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { HaStore } from '../../src/services/conversation-provider/ha/ha-store.ts';
import { toOutItem } from '../../src/services/conversation-provider/ha/processor.ts';
import { OutboxQueues, type OutItem } from '../../src/services/conversation-provider/sender/outbox-queues.ts';
import { ConversationSender } from '../../src/services/conversation-provider/sender/sender.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { startLabCloud } from './lab.ts';

it('a new lease holder reads back what the dead one may have sent and sends only what was not taken', async () => {
  const { emulator, admin: cloud } = await startLabCloud();
  try {
    const seeded = (await (
      await fetch(`${emulator.url}/__emulator/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sources: [{ name: 'Engage' }] }),
      })
    ).json()) as { sources: { id: string }[] };
    const sourceId = seeded.sources[0]!.id;
    const t0 = Date.parse('2026-01-01T10:00:00Z');
    const established = (conversationId: string, communicationId: string): TaggedConversationEvent => ({
      kind: 'externalEstablishedEvents',
      event: {
        eventId: randomUUID(),
        eventDateTime: new Date(t0).toISOString(),
        conversationId,
        communicationId,
        initialConfiguration: { alerting: false, inbound: true },
        sourceConfiguration: { sourceId, interactionId: conversationId.slice(0, 8) },
      },
    });
    const ended = (conversationId: string, communicationId: string): TaggedConversationEvent => ({
      kind: 'communicationEndedEvents',
      event: {
        eventId: randomUUID(),
        eventDateTime: new Date(t0 + 1000).toISOString(),
        conversationId,
        communicationId,
        disconnectType: 'Self',
      },
    });
    const [X, Y, Z] = [randomUUID(), randomUUID(), randomUUID()];
    const [cx, cy, cz] = [randomUUID(), randomUUID(), randomUUID()];
    const events = [established(X, cx), established(Y, cy), established(Z, cz), ended(X, cx), ended(Y, cy)];

    const ha = new HaStore(new MemoryStore(), 'g');
    const a = await ha.takeLease('A', 60_000);
    const first = await ha.commit({
      token: a,
      from: 1,
      to: 0,
      chains: { set: [], del: [] },
      aliases: { set: [], del: [] },
      dns: { set: [], del: [] },
      out: events.map((e) =>
        JSON.stringify({ c: e.event.conversationId, u: e.event.conversationId, t: t0, e }),
      ),
    });
    assert.equal(first, 1);
    // Holder A: request 1 (X and Y established) marked and taken by the API; request 2 (Z) marked, and
    // A dies before either answer.
    assert.ok(await ha.markSending(a, [1, 2], Date.now() - 5000, `${a}.1`));
    assert.equal((await cloud.events.conversations([events[0]!, events[1]!])).errors.length, 0);
    assert.ok(await ha.markSending(a, [3], Date.now() - 5000, `${a}.2`));
    await ha.releaseLease('A');

    const b = await ha.takeLease('B', 60_000);
    const queues = new OutboxQueues();
    const loaded = (await ha.loadOutbox()).map((e) => {
      const item = toOutItem(e.seq, e.payload)!;
      if (e.sent) Object.assign(item, { sentAt: e.sent.at, request: e.sent.request });
      return item;
    });
    assert.deepEqual(
      loaded.map((i) => i.sentAt !== undefined),
      [true, true, true, false, false],
    );
    queues.add(loaded);
    const inDoubt: [string, boolean][] = [];
    const accepted: OutItem[] = [];
    const sender = new ConversationSender({
      queues,
      send: (list, o) => cloud.events.conversations(list, { slotTaken: o?.slotTaken === true }),
      ack: (token, seqs) => ha.ack(token, seqs),
      markSending: (token, seqs, at, request) => ha.markSending(token, seqs, at, request),
      readBack: (id) => cloud.conversations.getConversation(id),
      token: () => b,
      batchLimit: 100,
      maxInFlight: 2,
      inDoubtSettleMs: 0,
      logger: silentLogger(),
      hooks: {
        accepted: (item) => void accepted.push(item),
        rejected: () => undefined,
        retried: () => undefined,
        request: () => undefined,
        inDoubt: (item, applied) => void inDoubt.push([item.conversationId, applied]),
      },
      onFenced: () => assert.fail('fenced'),
    });
    sender.start();
    const deadline = Date.now() + 10_000;
    while (queues.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await sender.settled();
    sender.stop();
    assert.equal(queues.size, 0, 'everything answered');
    assert.deepEqual(
      inDoubt.sort(),
      [
        [X, true],
        [Y, true],
        [Z, false],
      ].sort(),
      'request 1 was taken, request 2 was not',
    );
    assert.deepEqual(await ha.loadOutbox(), [], 'outbox and marks acknowledged');
    const audit = (await (await fetch(`${emulator.url}/__emulator/audit`)).json()) as {
      events: { eventId: string; status: string }[];
    };
    assert.deepEqual(
      audit.events.filter((e) => e.status !== 'accepted'),
      [],
      'nothing rejected, nothing duplicate',
    );
    assert.deepEqual(
      audit.events.map((e) => e.eventId).sort(),
      events.map((e) => e.event.eventId).sort(),
      'each event accepted exactly once',
    );
    assert.equal(accepted.length, 5);
  } finally {
    await cloud.close();
    await emulator.stop();
  }
});
