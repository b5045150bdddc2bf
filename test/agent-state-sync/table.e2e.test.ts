// End to end, Stat Server simulator → EXAS → Genesys Cloud emulator: every row of seed 003's table is
// observed for the right user, with the Stat Server times of the changes as eventDateTime; scope changes
// from EXCS are followed; an agent the Stat Server refuses does not stop the others.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { employeeIdOf, startExasLab, until, type ExasLab } from './lab.ts';

type Step = {
  state: 'LoggedOut' | 'Ready' | 'NotReady' | 'AfterCallWork';
  reason?: string;
  call: 'none' | 'internal' | 'inbound' | 'outbound' | 'consult' | 'unknown';
};
type Row = { name: string; steps: Step[]; presence: string; routingStatus: string };

// One agent per row; a row that needs a state before it (Logged Off, ACW) says so in its steps.
const ROWS: Row[] = [
  {
    name: 'Logged Off / no call',
    steps: [
      { state: 'Ready', call: 'none' },
      { state: 'LoggedOut', call: 'none' },
    ],
    presence: 'Offline',
    routingStatus: 'OffQueue',
  },
  {
    name: 'Not Ready (no reason) / no call',
    steps: [{ state: 'NotReady', call: 'none' }],
    presence: 'Busy',
    routingStatus: 'OffQueue',
  },
  {
    name: 'Not Ready (not-mapped reason) / no call',
    steps: [{ state: 'NotReady', reason: 'Coffee', call: 'none' }],
    presence: 'Busy',
    routingStatus: 'OffQueue',
  },
  {
    name: 'Not Ready (Break) / no call',
    steps: [{ state: 'NotReady', reason: 'Break', call: 'none' }],
    presence: 'Break',
    routingStatus: 'OffQueue',
  },
  {
    name: 'Not Ready (Meal) / no call',
    steps: [{ state: 'NotReady', reason: 'Meal', call: 'none' }],
    presence: 'Meal',
    routingStatus: 'OffQueue',
  },
  {
    name: 'Not Ready (Meeting) / no call',
    steps: [{ state: 'NotReady', reason: 'Meeting', call: 'none' }],
    presence: 'Meeting',
    routingStatus: 'OffQueue',
  },
  {
    name: 'Not Ready (Training) / no call',
    steps: [{ state: 'NotReady', reason: 'Training', call: 'none' }],
    presence: 'Training',
    routingStatus: 'OffQueue',
  },
  {
    name: 'Not Ready (any reason) / internal',
    steps: [{ state: 'NotReady', reason: 'Break', call: 'internal' }],
    presence: 'Busy',
    routingStatus: 'Communicating',
  },
  {
    name: 'Not Ready (no reason) / inbound',
    steps: [{ state: 'NotReady', call: 'inbound' }],
    presence: 'Busy',
    routingStatus: 'Interacting',
  },
  {
    name: 'Not Ready (any reason) / outbound',
    steps: [{ state: 'NotReady', reason: 'Meal', call: 'outbound' }],
    presence: 'Busy',
    routingStatus: 'Interacting',
  },
  {
    name: 'Ready / no call',
    steps: [{ state: 'Ready', call: 'none' }],
    presence: 'OnQueue',
    routingStatus: 'Idle',
  },
  {
    name: 'Ready / internal',
    steps: [{ state: 'Ready', call: 'internal' }],
    presence: 'OnQueue',
    routingStatus: 'Communicating',
  },
  {
    name: 'Ready / inbound',
    steps: [{ state: 'Ready', call: 'inbound' }],
    presence: 'OnQueue',
    routingStatus: 'Interacting',
  },
  {
    name: 'Ready / outbound',
    steps: [{ state: 'Ready', call: 'outbound' }],
    presence: 'OnQueue',
    routingStatus: 'Interacting',
  },
  {
    name: 'Ready / consult',
    steps: [{ state: 'Ready', call: 'consult' }],
    presence: 'OnQueue',
    routingStatus: 'Interacting',
  },
  {
    name: 'Ready / unknown call type',
    steps: [{ state: 'Ready', call: 'unknown' }],
    presence: 'OnQueue',
    routingStatus: 'Interacting',
  },
  {
    name: 'Not Ready - ACW / no call (presence kept: Break)',
    steps: [
      { state: 'NotReady', reason: 'Break', call: 'none' },
      { state: 'AfterCallWork', call: 'none' },
    ],
    presence: 'Break',
    routingStatus: 'Interacting',
  },
  {
    name: 'Not Ready - ACW / no call (presence kept: On Queue)',
    steps: [
      { state: 'Ready', call: 'none' },
      { state: 'AfterCallWork', call: 'none' },
    ],
    presence: 'OnQueue',
    routingStatus: 'Interacting',
  },
];

describe('EXAS end to end: the seed table', () => {
  let lab: ExasLab;
  const extra = 2; // agents for the scope test
  before(async () => {
    lab = await startExasLab({ agents: ROWS.length + extra });
    // An agent in scope that the Stat Server does not know: EventError for it only.
    lab.excs.users.push({
      dbid: 999,
      userName: 'ghost@example.com',
      employeeId: 'ghost',
      cloudId: [...lab.userOf.values()][0] as string,
      active: true,
      isAgent: true,
    });
    lab.excs.version++;
  });
  after(async () => lab?.stop());

  const adminPut = async (employeeId: string, step: Step) => {
    const r = await fetch(`${lab.sim.adminUrl}/agents/${employeeId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(step),
    });
    assert.equal(r.status, 200);
    return (await r.json()) as { since: string };
  };
  const userState = async (userId: string) => {
    const u = (await lab.org()).find((x) => x.id === userId);
    return {
      presence: u?.presence
        ? (lab.presenceName.get(
            (u.presence as { presenceDefinitionId?: string }).presenceDefinitionId ?? '',
          ) ?? u.presence.systemPresence)
        : undefined,
      p: u?.presence,
      r: u?.routingStatus,
    };
  };

  it('every row is observed for the right user with the Stat Server times', async () => {
    await until(
      'all agents logged off in the org',
      async () =>
        (await lab.org()).filter(
          (u) => u.presence?.systemPresence === 'Offline' && u.routingStatus?.status === 'OffQueue',
        ).length ===
        ROWS.length + extra,
    );
    const initial = new Map<string, string>();
    for (const u of await lab.org()) if (u.presence) initial.set(u.id, u.presence.eventDateTime);
    // Rows run side by side; the steps of one row one after the other, each seen before the next.
    await Promise.all(
      ROWS.map(async (row, i) => {
        const employeeId = employeeIdOf(i);
        const userId = lab.userOf.get(employeeId) as string;
        let presence = 'Offline';
        let routing = 'OffQueue';
        let pTime = initial.get(userId) as string;
        let rTime = pTime;
        for (const step of row.steps) {
          const { since } = await adminPut(employeeId, step);
          const want = expected(step, presence);
          if (want.presence !== presence) pTime = since;
          if (want.routingStatus !== routing) rTime = since;
          presence = want.presence;
          routing = want.routingStatus;
          await until(`${row.name}: step ${JSON.stringify(step)}`, async () => {
            const s = await userState(userId);
            return (
              s.p?.systemPresence === presence &&
              s.r?.status === routing &&
              s.p.eventDateTime === pTime &&
              s.r.eventDateTime === rTime
            );
          });
        }
        assert.deepEqual([presence, routing], [row.presence, row.routingStatus], row.name);
      }),
    );
    // Nothing was rejected by the emulator; no presence event ever named Available (seed 003).
    assert.deepEqual(
      lab.proxy.events.filter((e) => e.rejected || e.status !== 200),
      [],
    );
    const presences = lab.proxy.events.filter((e) => e.type === 'presence');
    assert.ok(presences.length >= ROWS.length, `${presences.length} presence events sent`);
    const named = presences.map((e) => lab.presenceName.get(e.value));
    assert.ok(
      named.every((n) => n !== undefined),
      'every presence event names a system presence',
    );
    assert.deepEqual(
      presences.filter((_, i) => named[i] === 'Available'),
      [],
    );
    for (const u of await lab.org()) assert.notEqual(u.presence?.systemPresence, 'Available');
  });

  it('follows scope changes from EXCS', async () => {
    const inId = employeeIdOf(ROWS.length);
    const outId = employeeIdOf(ROWS.length + 1);
    lab.excs.users = lab.excs.users.filter((u) => u.employeeId !== outId);
    lab.excs.version++;
    await until('scope shrinks', () => !lab.exas.scope().has(outId));
    await adminPut(outId, { state: 'Ready', call: 'none' });
    await adminPut(inId, { state: 'NotReady', reason: 'Meeting', call: 'none' });
    const inUser = lab.userOf.get(inId) as string;
    await until(
      'in-scope agent published',
      async () => (await userState(inUser)).p?.systemPresence === 'Meeting',
    );
    const outUser = lab.userOf.get(outId) as string;
    assert.equal(
      (await userState(outUser)).p?.systemPresence,
      'Offline',
      'an agent out of scope is not published',
    );
    // back in scope: its current state is opened and sent
    lab.excs.users.push({
      dbid: 1,
      userName: 'x@example.com',
      employeeId: outId,
      cloudId: outUser,
      active: true,
      isAgent: true,
    });
    lab.excs.version++;
    await until(
      'agent back in scope published',
      async () => (await userState(outUser)).p?.systemPresence === 'OnQueue',
    );
  });

  it('serves /health with the link, EXCS and Genesys Cloud, and exec_exas_* metrics', async () => {
    const h = (await (await fetch(`${lab.service.url}/health`)).json()) as {
      data: { dependencies: Record<string, { status: string; detail?: string }> };
    };
    assert.equal(h.data.dependencies.statserver?.status, 'UP');
    assert.equal(h.data.dependencies.statserver?.detail, 'active on primary');
    assert.equal(h.data.dependencies.excs?.status, 'UP');
    assert.equal(h.data.dependencies['genesys-cloud']?.status, 'UP');
    const metrics = await (await fetch(`${lab.service.url}/metrics`)).text();
    assert.match(
      metrics,
      /exec_exas_events_total\{[^}]*type="presence"[^}]*value="Break"[^}]*result="accepted"/,
    );
    assert.match(metrics, /exec_exas_errors_total\{[^}]*kind="stat_error"[^}]*\} [1-9]/);
    assert.match(metrics, /exec_exas_latency_seconds_count\{[^}]*type="routingstatus"/);
  });
});

function expected(step: Step, presenceBefore: string) {
  const callRouting =
    step.call === 'none' ? undefined : step.call === 'internal' ? 'Communicating' : 'Interacting';
  const named = ['Break', 'Meal', 'Meeting', 'Training'].find((p) => p === step.reason);
  if (step.state === 'LoggedOut') return { presence: 'Offline', routingStatus: 'OffQueue' };
  if (step.state === 'Ready') return { presence: 'OnQueue', routingStatus: callRouting ?? 'Idle' };
  if (step.state === 'NotReady')
    return {
      presence: step.call === 'none' ? (named ?? 'Busy') : 'Busy',
      routingStatus: callRouting ?? 'OffQueue',
    };
  return { presence: presenceBefore, routingStatus: callRouting ?? 'Interacting' };
}
