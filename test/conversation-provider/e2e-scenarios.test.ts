// Every call scenario of DESIGN §6 played alone, end to end: SIP Server simulator (TCP, HA pairs for
// two sites) → the EXCP pair (two instances, real Redis, real core) → the Genesys Cloud emulator
// (HTTP). The org shows what §6's table says, and the emulator's audit has no rejected event and no
// eventId seen twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SCENARIO_NAMES,
  SCENARIO_OUTCOME,
  type ScenarioName,
} from '../../src/lab/engage/sip-server/index.ts';
import { until } from '../agent-state-sync/checks.ts';
import { startExcpLab, type ExcpLab, type OrgConversation } from './lab.ts';

type C = OrgConversation;
const summary = (c: C) =>
  `${c.interactionId}: ${c.participants.map((p) => `${p.purpose}:${p.state}`).join(',')} [${c.events.map((e) => e.type).join(',')}]`;
const of = (c: C, purpose: string) => c.participants.filter((p) => p.purpose === purpose);
const users = (c: C) => new Set(of(c, 'user').map((p) => p.userId));
const hasEvent = (c: C, re: RegExp) => c.events.some((e) => re.test(e.type));

/** DESIGN §6, "What the EX Org shows for each scenario played alone", as checks on the org dump. */
const SHOWS: Partial<Record<ScenarioName, (c: C, lab: ExcpLab) => string | undefined>> = {
  'ivr-only': (c) => (of(c, 'ivr').length && !of(c, 'user').length ? undefined : 'an ivr, no user'),
  'queue-abandon': (c) =>
    of(c, 'routing').length && !of(c, 'user').length ? undefined : 'a routing, no user',
  'answered-caller-hangs-up': (c) =>
    users(c).size === 1 && of(c, 'routing').length ? undefined : 'one agent through a routing participant',
  'answered-agent-hangs-up': (c) => (users(c).size === 1 ? undefined : 'one agent'),
  'ring-no-answer': (c) =>
    of(c, 'routing').length && users(c).size >= 2
      ? undefined
      : 'routing, the alerted agent and the one who answers',
  'hold-retrieve': (c) =>
    users(c).size === 1 && hasEvent(c, /^holdUpdatedEvents$/) ? undefined : 'an agent and a hold',
  'acw-disposition': (c) =>
    of(c, 'user').some((p) => p.wrapupCodeId) ? undefined : 'a user with a wrap-up code',
  'blind-transfer-agent': (c) =>
    users(c).size === 2 && hasEvent(c, /^(routing|user|phone)TransferEvents$/)
      ? undefined
      : 'two agents and a transfer',
  'blind-transfer-queue': (c) =>
    of(c, 'routing').length >= 2 && hasEvent(c, /^(routing|user|phone)TransferEvents$/)
      ? undefined
      : 'two routing and a transfer',
  'blind-transfer-external': (c) =>
    of(c, 'phone').length && hasEvent(c, /^(routing|user|phone)TransferEvents$/)
      ? undefined
      : 'a phone and a transfer',
  'consult-transfer-agent': (c) =>
    users(c).size === 2 && hasEvent(c, /^consultTransferEvents$/)
      ? undefined
      : 'two agents and a consult transfer',
  'consult-transfer-queue': (c) =>
    of(c, 'routing').length >= 2 && hasEvent(c, /^consultTransferEvents$/)
      ? undefined
      : 'two routing and a consult transfer',
  // (The org dump does not show endConsultTransfer's finalState; the core's table test checks Canceled.)
  'consult-cancel': (c) =>
    users(c).size === 2 &&
    hasEvent(c, /^endConsultTransferEvents$/) &&
    !hasEvent(c, /^progressConsultTransferEvents$/)
      ? undefined
      : 'two agents and a consult transfer that ends without progress',
  'consult-transfer-external': (c) =>
    of(c, 'phone').length && hasEvent(c, /^consultTransferEvents$/)
      ? undefined
      : 'a phone and a consult transfer',
  'agent-outbound': (c) =>
    users(c).size === 1 && of(c, 'phone').length && !of(c, 'routing').length
      ? undefined
      : 'one agent, a phone, no routing',
  'multisite-routed': (c, lab) => {
    const remote = new Set(
      lab.mappings.users.filter((u) => u.agentLogins[0]?.switch === 'SIP_Switch_B').map((u) => u.cloudId),
    );
    return [...users(c)].some((u) => u && remote.has(u)) ? undefined : "the remote site's agent";
  },
  'multisite-transfer': (c, lab) => {
    const siteOf = new Map(lab.mappings.users.map((u) => [u.cloudId, u.agentLogins[0]?.switch]));
    const sites = new Set([...users(c)].map((u) => siteOf.get(u ?? '')));
    return sites.size === 2 ? undefined : "both sites' agents";
  },
};

describe('EXCP end to end: every DESIGN §6 scenario, simulator → EXCP pair → emulator', () => {
  let lab: ExcpLab;

  before(async () => {
    lab = await startExcpLab({ timeScale: 0.001 });
    await lab.ready();
    await until('links up', async () => {
      const h = await fetch(`${lab.instances[0]!.url}/health`);
      return h.status === 200;
    });
  });
  after(async () => {
    await lab?.stop();
  });

  /** Events appended to the shared inbox so far (each appended once, by one of the two instances). */
  async function appended(): Promise<number> {
    let n = 0;
    for (const i of lab.instances) {
      const text = await (await fetch(`${i.url}/metrics`)).text();
      n += Number(/^exec_excp_inbox_appended_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
    }
    return n;
  }

  /** Waits until the pair has ingested `count` more events than `from` and sent everything. */
  async function quiet(from: number, count: number): Promise<void> {
    await lab.sim.drained();
    await until(`${count} events ingested`, async () => (await appended()) >= from + count, {
      timeoutMs: 20_000,
      intervalMs: 20,
    });
    await lab.settled();
  }

  const registered = () =>
    new Set([...lab.mappings.queues.map((q) => q.name), ...lab.mappings.extensions.map((e) => e.number)]);

  for (const scenario of SCENARIO_NAMES) {
    it(`${scenario}: ${SCENARIO_OUTCOME[scenario]}`, async () => {
      const before = (await lab.conversations()).length;
      const auditBefore = (await lab.audit()).events.length;
      const from = await appended();
      const r = lab.sim.playScenarioDetailed(scenario);
      const dns = registered();
      await quiet(from, r.events.filter((e) => e.dn === null || dns.has(e.dn)).length);
      const outcome = SCENARIO_OUTCOME[scenario];
      const all = await lab.conversations();
      const mine = all.filter((c) => c.interactionId === r.callUuid);
      if (outcome === 'not-injected') {
        assert.equal(all.length, before, 'no conversation');
      } else if (outcome === 'ignored') {
        // The first two calls on the DN are injected; the third is not.
        assert.ok(all.length - before <= 2, `${all.length - before} conversations`);
      } else {
        await until(
          `every participant disconnected (${summary((await lab.conversations()).find((c) => c.interactionId === r.callUuid) ?? ({ participants: [], events: [] } as unknown as C))})`,
          async () =>
            (await lab.conversations())
              .filter((c) => c.interactionId === r.callUuid)
              .every((c) => c.participants.every((p) => p.state === 'disconnected')),
          5000,
        );
        const done = (await lab.conversations()).filter((c) => c.interactionId === r.callUuid);
        assert.equal(done.length, 1, `one conversation for ${r.callUuid}`);
        assert.equal(
          all.length - before,
          1,
          `no second conversation: ${all.slice(before).map(summary).join(' / ')}`,
        );
        const problem = SHOWS[scenario]?.(done[0]!, lab);
        assert.equal(problem, undefined, `${scenario}: expected ${problem}; got ${summary(done[0]!)}`);
      }
      void mine;
      const audit = (await lab.audit()).events.slice(auditBefore);
      const rejected = audit.filter((e) => e.status !== 'accepted');
      assert.deepEqual(rejected.slice(0, 3), [], 'nothing rejected, no duplicate');
      const ids = audit.map((e) => e.eventId);
      assert.equal(new Set(ids).size, ids.length, 'no eventId twice');
    });
  }
});
