// The HA shell with a tracker that numbers every event of a call (so gaps, repeats and reordering show):
// the real SIP Server simulator over TCP, two instances on a real Redis, EXCS's mapping API over HTTP.
// Both instances receive every event; exactly one processes and sends each, in order per conversation,
// also while the lease holder stops mid-traffic and the other takes over.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventSendResult, TaggedConversationEvent } from '../../src/cloud/areas/events.ts';
import { eventIdFor } from '../../src/cloud/event-id.ts';
import { attrString, eventTimeMicros } from '../../src/engage/tlib/index.ts';
import type { TrackerState } from '../../src/services/conversation-provider/core/api.ts';
import type { TrackerCore } from '../../src/services/conversation-provider/ha/processor.ts';
import { SCENARIO_NAMES, type ScenarioName } from '../../src/lab/engage/sip-server/index.ts';
import { until } from '../agent-state-sync/checks.ts';
import { startExcpLab, type ExcpLab } from './lab.ts';

interface Numbered {
  n: number;
  ended: boolean;
  endMs: number;
}

/** Numbers every event of a call: 1, 2, 3… and marks the chain ended on EventCallDeleted. */
const numberingCore: TrackerCore = {
  emptyState: (): TrackerState => ({ chains: {}, aliases: {}, dns: {} }),
  step(state, input) {
    const call = attrString(input.event, 'AttributeCallUUID');
    if (!call) return { events: [], touched: { chains: [], aliases: [], dns: [] }, notes: [] };
    const prev = state.chains[call] as unknown as Numbered | undefined;
    const n = (prev?.n ?? 0) + 1;
    const ended = input.event.name === 'EventCallDeleted';
    const endMs = Math.floor((eventTimeMicros(input.event) ?? 0) / 1000);
    state.chains[call] = { n, ended, endMs } as unknown as TrackerState['chains'][string];
    state.aliases[`call:${call}`] = call; // the real tracker's alias of a CallUUID (core/keys.ts)
    const tagged = {
      kind: 'communicationEndedEvents',
      event: { eventId: eventIdFor(call, n), note: `${call}|${n}|${input.event.name}` },
    } as unknown as TaggedConversationEvent;
    return {
      events: [{ conversationId: call, callUuid: call, tagged }],
      touched: { chains: [call], aliases: [`call:${call}`], dns: [] },
      notes: [],
    };
  },
  forget(state, key) {
    delete state.chains[key];
    delete state.aliases[`call:${key}`];
    return { chains: [key], aliases: [`call:${key}`], dns: [] };
  },
  expired(state, nowMs, graceMs) {
    return Object.entries(state.chains)
      .filter(
        ([, c]) => (c as unknown as Numbered).ended && (c as unknown as Numbered).endMs < nowMs - graceMs,
      )
      .map(([k]) => k);
  },
};

interface Sent {
  by: string;
  conversationId: string;
  n: number;
  name: string;
}

describe('EXCP HA shell (numbering tracker, two instances, real Redis and simulator)', () => {
  let lab: ExcpLab;
  const sent: Sent[] = [];
  const requests: { by: string; conversations: string[] }[] = [];

  before(async () => {
    lab = await startExcpLab({
      timeScale: 0.002,
      excp: { core: numberingCore, graceMs: 600_000 },
      excpFor: (i) => ({
        wrapSend:
          () =>
          async (events: TaggedConversationEvent[]): Promise<EventSendResult> => {
            for (const e of events) {
              const [conversationId, n, name] = (e.event as unknown as { note: string }).note.split('|');
              sent.push({
                by: `excp-${i}`,
                conversationId: conversationId ?? '',
                n: Number(n),
                name: name ?? '',
              });
            }
            requests.push({
              by: `excp-${i}`,
              conversations: events.map(
                (e) => (e.event as unknown as { note: string }).note.split('|')[0] ?? '',
              ),
            });
            return { submitted: events.length, batches: 1, errors: [] };
          },
      }),
    });
  });
  after(async () => {
    await lab?.stop();
  });

  it('places the lease on one instance and registers the directory on both', async () => {
    await until('a leader', () => lab.instances.filter((i) => i.excp?.isLeader()).length === 1, 10_000);
    for (const inst of lab.instances) {
      await until(
        `${inst.name} registered`,
        () => (inst.excp?.links.registeredCount('agent') ?? 0) > 0,
        10_000,
      );
    }
    const health = (await (await fetch(`${lab.instances[0]!.url}/health`)).json()) as {
      data: { dependencies: Record<string, { status: string; detail?: string }> };
    };
    assert.equal(health.data.dependencies['sip-call']?.status, 'UP', JSON.stringify(health.data));
    assert.match(health.data.dependencies['sip-call']?.detail ?? '', /primary up.*backup up/);
    assert.equal(health.data.dependencies.redis?.status, 'UP');
  });

  /** Plays `calls` calls of every scenario in turn, `perSecond` a second; what EXCP must send per call. */
  async function play(
    calls: number,
    perSecond: number,
    during?: (i: number) => Promise<void>,
  ): Promise<Map<string, number>> {
    const registered = new Set([
      ...lab.mappings.queues.map((q) => q.name),
      ...lab.mappings.extensions.map((e) => e.number),
    ]);
    const expected = new Map<string, number>();
    for (let i = 0; i < calls; i++) {
      const r = lab.sim.playScenarioDetailed(SCENARIO_NAMES[i % SCENARIO_NAMES.length] as ScenarioName);
      for (const e of r.events) {
        const call = e.body.AttributeCallUUID;
        if (typeof call !== 'string' || (e.dn !== null && !registered.has(e.dn))) continue;
        expected.set(call, (expected.get(call) ?? 0) + 1);
      }
      await during?.(i);
      await new Promise((res) => setTimeout(res, 1000 / perSecond));
    }
    await lab.sim.drained();
    return expected;
  }

  /** Every call's events sent once each, in order, none lost; no request with two of one conversation. */
  async function checkDelivery(expected: Map<string, number>): Promise<void> {
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    await until(
      `${total} events sent`,
      () =>
        [...expected.keys()].every(
          (c) => sent.filter((x) => x.conversationId === c).length >= expected.get(c)!,
        ),
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    const problems: string[] = [];
    for (const [call, count] of expected) {
      const mine = sent.filter((x) => x.conversationId === call).map((x) => x.n);
      const want = Array.from({ length: count }, (_, k) => k + 1);
      if (JSON.stringify(mine) !== JSON.stringify(want))
        problems.push(`${call}: sent ${mine.join(',')}, expected 1..${count}`);
    }
    assert.deepEqual(problems.slice(0, 5), []);
    for (const r of requests)
      assert.equal(
        new Set(r.conversations).size,
        r.conversations.length,
        'two events of one conversation in one request',
      );
  }

  it('sends every event of every call once, in order, from the lease holder only', async () => {
    sent.length = 0;
    requests.length = 0;
    const expected = await play(40, 40);
    await checkDelivery(expected);
    const senders = new Set(sent.map((x) => x.by));
    assert.equal(senders.size, 1, `sent by ${[...senders].join(', ')}`);
  });

  it('loses and repeats nothing when the lease holder stops mid-traffic and the other takes over', async () => {
    sent.length = 0;
    requests.length = 0;
    const expected = await play(60, 40, async (i) => {
      if (i !== 20) return;
      const leader = lab.instances.findIndex((x) => x.excp?.isLeader());
      await lab.instances[leader]!.stop();
      const other = lab.instances[1 - leader]!;
      await until('the other instance takes the lease', () => other.excp?.isLeader() === true, {
        timeoutMs: 5000,
        intervalMs: 10,
      });
      await lab.startInstance(leader);
    });
    await checkDelivery(expected);
    assert.equal(
      new Set(sent.map((x) => x.by)).size,
      2,
      'both instances sent (before and after the handover)',
    );
  });

  it('loses no call through a SIP Server switchover and a primary kill mid-traffic', async () => {
    sent.length = 0;
    requests.length = 0;
    const expected = await play(60, 40, async (i) => {
      if (i === 15) await lab.sim.switchover();
      if (i === 30) await lab.sim.killPrimary();
      if (i === 45) await lab.sim.restorePrimary();
    });
    await checkDelivery(expected);
  });

  it('answers POST /api/v1/recording (and /v1/recording): 404 40402 for an empty body or an unknown call, 202 for a known one', async () => {
    const url = lab.instances[0]!.url;
    const post = async (path: string, body?: unknown) => {
      const r = await fetch(`${url}${path}`, {
        method: 'POST',
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return {
        status: r.status,
        body: (await r.json()) as { status: { code: number; message: string; corrId: string } },
      };
    };
    for (const path of ['/api/v1/recording', '/v1/recording']) {
      const empty = await post(path);
      assert.equal(empty.status, 404);
      assert.equal(empty.body.status.code, 40402);
      assert.equal(empty.body.status.message, 'CallUUID not found');
      assert.match(empty.body.status.corrId, /^[0-9a-f-]{36}$/);
      const unknown = await post(path, { mediaFiles: [{ parameters: { callUuid: 'NEVER0SEEN' } }] });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.status.code, 40402);
    }
    const known = sent[0]?.conversationId;
    assert.ok(known, 'a call was tracked');
    const ok = await post('/api/v1/recording', { mediaFiles: [{ parameters: { callUuid: known } }] });
    assert.equal(ok.status, 202);
    assert.equal(ok.body.status.code, 0);
    const bad = await fetch(`${url}/api/v1/recording`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    assert.equal(bad.status, 400);
  });

  it('serves exec_ metrics: events in by link, type and server, de-duplicated, processed, out, latency', async () => {
    const text = await (await fetch(`${lab.instances[0]!.url}/metrics`)).text();
    for (const name of [
      'exec_excp_events_in_total{',
      'exec_excp_deduplicated_total',
      'exec_excp_inbox_appended_total',
      'exec_excp_send_latency_seconds_bucket',
      'exec_excp_calls_active',
      'exec_tlib_link_duplicates_total',
    ]) {
      assert.ok(text.includes(name), `${name} missing`);
    }
  });

  it('counts every ingested event once on each instance: appended by it, or found already appended', async () => {
    const sum = (text: string, name: string) =>
      [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce(
        (a, m) => a + Number(m[1]),
        0,
      );
    const counts = async () =>
      Promise.all(
        lab.instances.map(async (i) => {
          const text = await (await fetch(`${i.url}/metrics`)).text();
          return {
            ingested: sum(text, 'exec_excp_events_in_total'),
            appended: sum(text, 'exec_excp_inbox_appended_total'),
            known: sum(text, 'exec_excp_deduplicated_total'),
          };
        }),
      );
    // The last appends may still be on their way.
    const each = await until(
      'each instance settled what it ingested',
      async () => {
        const c = await counts();
        return c.every((x) => x.ingested > 0 && x.appended + x.known === x.ingested) ? c : undefined;
      },
      10_000,
    );
    // Both instances ingest the same events, so what one appended the other mostly found there (one of
    // them was restarted above, and its counters with it, so the totals do not pair up exactly).
    const total = (k: 'appended' | 'known') => each.reduce((a, x) => a + x[k], 0);
    assert.ok(total('appended') > 0 && total('known') > 0, JSON.stringify(each));
  });

  it('breaks each accepted event latency down by hop (exec_excp_stage_seconds): the hops add up to it', async () => {
    const texts = await Promise.all(lab.instances.map(async (i) => (await fetch(`${i.url}/metrics`)).text()));
    const holder = texts.find((t) => /^exec_excp_lease_held\{service="excp"\} 1$/m.test(t));
    assert.ok(holder, 'one instance holds the lease');
    const value = (re: RegExp) => Number(re.exec(holder)?.[1] ?? NaN);
    const sent = value(/^exec_excp_stage_seconds_count\{service="excp",stage="sent"\} (\S+)$/m);
    assert.ok(sent > 0, 'events accepted with a trace');
    const hops = ['received', 'processed', 'queued', 'sent'].map((s) =>
      value(new RegExp(`^exec_excp_stage_seconds_sum\\{service="excp",stage="${s}"\\} (\\S+)$`, 'm')),
    );
    const latency = value(/^exec_excp_send_latency_seconds_sum\{service="excp"\} (\S+)$/m);
    const total = hops.reduce((a, b) => a + b, 0);
    // Equal for events this instance derived; events it loaded after a takeover have no trace.
    assert.ok(total > 0 && total <= latency + 1e-6, `hops ${total} s, latency ${latency} s`);
  });
});
