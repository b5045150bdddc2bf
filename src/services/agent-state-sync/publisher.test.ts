import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Models } from 'purecloud-platform-client-v2';
import { until } from '../../../test/harness/until.ts';
import { silentLogger } from '../../core/logger.ts';
import { StatePublisher, type EventFailureLike, type EventsSink } from './publisher.ts';
import type { UserState } from './reducer.ts';

type Sent = { channel: string; userId: string; value: string; time: string; eventId: string };

/** An Events API stand-in whose answers each test scripts; it records every event it accepted. */
class ScriptedSink implements EventsSink {
  accepted: Sent[] = [];
  calls: { channel: string; size: number }[] = [];
  gate: Promise<void> | undefined;
  answer: (channel: string, ev: Sent[]) => EventFailureLike[] = () => [];
  async presence(events: readonly Models.UserPresenceEvent[]) {
    return this.take(
      'presence',
      events.map((e) => ({
        channel: 'presence',
        userId: e.userId,
        value: e.presenceDefinitionId ?? '',
        time: e.eventDateTime,
        eventId: e.eventId,
      })),
    );
  }
  async routingStatus(events: readonly Models.UserRoutingStatusEvent[]) {
    return this.take(
      'routingStatus',
      events.map((e) => ({
        channel: 'routingStatus',
        userId: e.agentId,
        value: e.status,
        time: e.eventDateTime,
        eventId: e.eventId,
      })),
    );
  }
  private async take(channel: string, ev: Sent[]) {
    this.calls.push({ channel, size: ev.length });
    if (this.gate) await this.gate;
    const errors = this.answer(channel, ev);
    const bad = new Set(errors.map((e) => e.eventId));
    this.accepted.push(...ev.filter((e) => !bad.has(e.eventId)));
    return { errors };
  }
  final(channel: string): Map<string, string> {
    const m = new Map<string, string>();
    for (const e of this.accepted) if (e.channel === channel) m.set(e.userId, e.value);
    return m;
  }
}

const ctx = async () => ({
  sourceId: 'src-1',
  presenceIds: new Map(
    ['Offline', 'Busy', 'Break', 'Meal', 'Meeting', 'Training', 'OnQueue'].map((p) => [p, p]),
  ),
});
const st = (presence: UserState['presence'], routingStatus: UserState['routingStatus']): UserState => ({
  presence,
  routingStatus,
});

function make(sink: ScriptedSink, extra: Partial<ConstructorParameters<typeof StatePublisher>[0]> = {}) {
  return new StatePublisher({
    sink,
    context: ctx,
    logger: silentLogger(),
    retryDelayMs: 5,
    maxRetryDelayMs: 20,
    ...extra,
  });
}

describe('StatePublisher', () => {
  it('coalesces while a send is in flight: the latest state wins, per-agent order kept', async () => {
    const sink = new ScriptedSink();
    let release!: () => void;
    sink.gate = new Promise((r) => (release = r));
    const p = make(sink);
    await p.start();
    p.set('u1', 'e1', st('Busy', 'OffQueue'), 1000);
    const inFlight = (channel: string, n = 1) => sink.calls.filter((c) => c.channel === channel).length >= n;
    await until('both channels sending', () => inFlight('presence') && inFlight('routingStatus'), 5000);
    p.set('u1', 'e1', st('OnQueue', 'Idle'), 2000);
    p.set('u1', 'e1', st('OnQueue', 'Interacting'), 3000);
    p.set('u1', 'e1', st('OnQueue', 'Idle'), 4000);
    sink.gate = undefined;
    release();
    await p.idle();
    await p.stop();
    const routing = sink.accepted.filter((e) => e.channel === 'routingStatus').map((e) => [e.value, e.time]);
    assert.deepEqual(routing, [
      ['OffQueue', new Date(1000).toISOString()],
      ['Idle', new Date(4000).toISOString()],
    ]);
    const presence = sink.accepted.filter((e) => e.channel === 'presence').map((e) => e.value);
    assert.deepEqual(presence, ['Busy', 'OnQueue']);
  });

  it('sends only changes, per channel', async () => {
    const sink = new ScriptedSink();
    const p = make(sink);
    await p.start();
    p.set('u1', 'e1', st('OnQueue', 'Idle'), 1000);
    await p.idle();
    p.set('u1', 'e1', st('OnQueue', 'Idle'), 2000);
    p.set('u1', 'e1', st('OnQueue', 'Interacting'), 3000);
    await p.idle();
    await p.stop();
    assert.deepEqual(
      sink.accepted.map((e) => `${e.channel}:${e.value}`),
      ['presence:OnQueue', 'routingStatus:Idle', 'routingStatus:Interacting'],
    );
  });

  it('re-sends only retryable failures; non-retryable ones are dropped', async () => {
    const sink = new ScriptedSink();
    let round = 0;
    sink.answer = (channel, ev) => {
      if (channel !== 'routingStatus' || round++ > 0) return [];
      return ev.flatMap((e): EventFailureLike[] =>
        e.userId === 'u1'
          ? [{ eventId: e.eventId, message: 'try later', retryable: true }]
          : e.userId === 'u2'
            ? [{ eventId: e.eventId, message: 'bad user', retryable: false }]
            : [],
      );
    };
    const rejected: string[] = [];
    const p = make(sink, { hooks: { rejected: (_c, _v, item) => void rejected.push(item.userId) } });
    await p.start();
    for (const u of ['u1', 'u2', 'u3']) p.set(u, u, st('OnQueue', 'Idle'), 1000);
    await p.idle();
    await p.stop();
    assert.deepEqual(Object.fromEntries(sink.final('routingStatus')), { u1: 'Idle', u3: 'Idle' });
    assert.deepEqual(rejected, ['u2']);
    assert.equal(sink.accepted.filter((e) => e.userId === 'u1' && e.channel === 'routingStatus').length, 1);
  });

  it('after an outage every agent ends in its final state, sent in time order', async () => {
    const sink = new ScriptedSink();
    let down = true;
    sink.answer = (_c, ev) =>
      down
        ? ev.map((e) => ({ eventId: e.eventId, message: 'unavailable', retryable: true, status: 503 }))
        : [];
    const p = make(sink, { batchLimit: 7 });
    await p.start();
    const finals = new Map<string, UserState>();
    const states = [
      st('OnQueue', 'Idle'),
      st('OnQueue', 'Interacting'),
      st('Busy', 'OffQueue'),
      st('Break', 'OffQueue'),
      st('OnQueue', 'Communicating'),
    ];
    for (let t = 0; t < 200; t++) {
      const u = `u${t % 25}`;
      const s = states[(t * 7) % states.length] as UserState;
      finals.set(u, s);
      p.set(u, u, s, 1000 + t);
      if (t === 120) setTimeout(() => (down = false), 30);
      if (t % 20 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    await until('Genesys Cloud back', () => !down, 5000);
    await p.idle();
    await p.stop();
    for (const [u, s] of finals) {
      assert.equal(sink.final('routingStatus').get(u), s.routingStatus, u);
      assert.equal(sink.final('presence').get(u), s.presence, u);
    }
    for (const c of ['presence', 'routingStatus']) {
      const last = new Map<string, string>();
      for (const e of sink.accepted.filter((x) => x.channel === c)) {
        assert.ok((last.get(e.userId) ?? '') < e.time, `${c} ${e.userId} out of order`);
        last.set(e.userId, e.time);
      }
    }
    assert.ok(sink.calls.every((x) => x.size <= 7));
  });

  it('a failed request may have been applied: the previous state is sent again when it comes back', async () => {
    const sink = new ScriptedSink();
    const p = make(sink);
    await p.start();
    p.set('u1', 'e1', st('OnQueue', 'Idle'), 1000);
    await p.idle();
    let release!: () => void;
    sink.gate = new Promise((r) => (release = r));
    let fail = true;
    sink.answer = (_c, ev) =>
      fail ? ev.map((e) => ({ eventId: e.eventId, message: 'timeout', retryable: true, status: 0 })) : [];
    p.set('u1', 'e1', st('OnQueue', 'Interacting'), 2000);
    await until(
      'Interacting in flight',
      () => sink.calls.filter((c) => c.channel === 'routingStatus').length >= 2,
      5000,
    );
    p.set('u1', 'e1', st('OnQueue', 'Idle'), 3000);
    sink.accepted.push({
      channel: 'routingStatus',
      userId: 'u1',
      value: 'Interacting',
      time: 'x',
      eventId: 'x',
    }); // it did land
    fail = false;
    sink.gate = undefined;
    release();
    await p.idle();
    await p.stop();
    assert.equal(sink.final('routingStatus').get('u1'), 'Idle');
  });

  it('eventIds are deterministic UUID v4s and times never go back for an agent', async () => {
    const sink = new ScriptedSink();
    const p = make(sink);
    await p.start();
    p.set('u1', 'e1', st('OnQueue', 'Idle'), 5000);
    await p.idle();
    p.set('u1', 'e1', st('OnQueue', 'Interacting'), 4000);
    await p.idle();
    await p.stop();
    const r = sink.accepted.filter((e) => e.channel === 'routingStatus');
    assert.equal(r[1]?.time, new Date(5001).toISOString());
    for (const e of sink.accepted)
      assert.match(e.eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('runs batches side by side over disjoint users, never one user in two batches', async () => {
    const sink = new ScriptedSink();
    let flying = 0;
    let most = 0;
    const inFlight = new Set<string>();
    const overlap: string[] = [];
    const slow = sink.answer;
    sink.answer = (channel, ev) => slow(channel, ev);
    const orig = sink.routingStatus.bind(sink);
    sink.routingStatus = async (events) => {
      flying++;
      most = Math.max(most, flying);
      for (const e of events) {
        if (inFlight.has(e.agentId)) overlap.push(e.agentId);
        inFlight.add(e.agentId);
      }
      await new Promise((r) => setTimeout(r, 5));
      for (const e of events) inFlight.delete(e.agentId);
      flying--;
      return orig(events);
    };
    const p = make(sink, { batchLimit: 10, concurrency: 3 });
    await p.start();
    const states = [st('OnQueue', 'Idle'), st('OnQueue', 'Interacting'), st('Busy', 'OffQueue')];
    for (let t = 0; t < 600; t++) {
      p.set(`u${t % 60}`, 'e', states[t % 3] as UserState, 1000 + t);
      if (t % 50 === 0) await new Promise((r) => setTimeout(r, 3));
    }
    await p.idle();
    await p.stop();
    assert.deepEqual(overlap, []);
    assert.ok(most > 1 && most <= 3, `batches in flight at most ${most}`);
    for (let u = 0; u < 60; u++) {
      const last = [...Array(600).keys()].filter((t) => t % 60 === u).at(-1) as number;
      assert.equal(sink.final('routingStatus').get(`u${u}`), (states[last % 3] as UserState).routingStatus);
    }
  });

  it('with minBatchDelayMs a partial batch waits to fill; a full one goes at once', async () => {
    const sink = new ScriptedSink();
    const p = make(sink, { minBatchDelayMs: 1000, batchLimit: 5 });
    await p.start();
    for (let i = 0; i < 3; i++) {
      p.set(`u${i}`, 'e', st('OnQueue', 'Idle'), 1000 + i);
      await new Promise((r) => setTimeout(r, 5));
    }
    await p.idle();
    await p.stop();
    assert.deepEqual(
      sink.calls.filter((c) => c.channel === 'routingStatus').map((c) => c.size),
      [3],
    );
    // A delay longer than the test may run: only full batches can go.
    const sink2 = new ScriptedSink();
    const q = make(sink2, { minBatchDelayMs: 3_600_000, batchLimit: 5 });
    await q.start();
    for (let i = 0; i < 5; i++) q.set(`v${i}`, 'e', st('OnQueue', 'Idle'), 2000 + i);
    await q.idle();
    await q.stop();
    assert.deepEqual(
      sink2.calls.map((c) => c.size),
      [5, 5],
    );
  });
});
