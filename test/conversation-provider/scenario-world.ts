// A contact center for the conversation tracker's tests: the SIP Server simulator's topology, an emulator
// org holding its in-scope agents, VQs and wrap-up codes, the mapping API answers EXCS would give for it,
// and the T-Lib inputs EXCP would receive for a scenario (only the DNs it registers: VQs, extensions).
import { toConversationBatch } from '../../src/cloud/areas/events.ts';
import { decodeJsonLine, isEvent } from '../../src/engage/tlib/index.ts';
import { AuditLog } from '../../src/lab/cloud-emulator/audit.ts';
import type { Conversation } from '../../src/lab/cloud-emulator/events/conversation-state.ts';
import { fixtureOrg } from '../../src/lab/cloud-emulator/events/test-fixtures.ts';
import { ingestConversationBatch } from '../../src/lab/cloud-emulator/events/ingest.ts';
import type { Org } from '../../src/lab/cloud-emulator/state.ts';
import {
  generateScenario,
  type ScenarioName,
  type SimEvent,
} from '../../src/lab/engage/sip-server/scenarios/index.ts';
import { generateTopology, type SipTopology } from '../../src/lab/engage/sip-server/topology.ts';
import type {
  Directory,
  LinkKind,
  OutEvent,
  TrackerInput,
  TrackerNote,
  TrackerState,
} from '../../src/services/conversation-provider/core/api.ts';
import { emptyState, step } from '../../src/services/conversation-provider/core/api.ts';
import {
  buildDirectory,
  mappingsFileSchema,
  type Mappings,
} from '../../src/services/conversation-provider/inputs/directory.ts';

export const DISPOSITIONS = ['Resolved', 'Sale', 'Callback'];

export interface World {
  topology: SipTopology;
  org: Org;
  audit: AuditLog;
  mappings: Mappings;
  dir: Directory;
  /** Cloud user id by EmployeeID, queue id by VQ, wrap-up code id by name. */
  userIds: Map<string, string>;
  queueIds: Map<string, string>;
  codeIds: Map<string, string>;
}

export function makeWorld(opts: { agents?: number } = {}): World {
  const topology = generateTopology(
    opts.agents ? { agents: opts.agents, remoteAgents: opts.agents / 4 } : {},
  );
  const f = fixtureOrg();
  const { org } = f;
  const template = org.users.get(f.userId)!;
  const queueTemplate = org.queues.get(f.queueId)!;
  const codeTemplate = org.wrapupCodes.get(f.wrapupCodeId)!;
  org.users.clear();
  org.queues.clear();
  org.wrapupCodes.clear();
  const userIds = new Map<string, string>();
  const queueIds = new Map<string, string>();
  const codeIds = new Map<string, string>();
  const users: unknown[] = [];
  const queues: unknown[] = [];
  const extensions: unknown[] = [];
  let n = 0;
  for (const site of [topology.home, topology.remote]) {
    for (const a of site.agents) {
      n++;
      extensions.push({
        dbid: 1000 + n,
        number: a.extension,
        switch: site.switchName,
        ...(a.inScope ? { agentDbid: n } : {}),
      });
      if (!a.inScope) continue;
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      org.users.set(id, {
        ...template,
        id,
        userName: `${a.employeeId.toLowerCase()}@example.com`,
        externalId: a.employeeId,
      });
      userIds.set(a.employeeId, id);
      users.push({
        dbid: n,
        userName: `${a.employeeId.toLowerCase()}@example.com`,
        employeeId: a.employeeId,
        cloudId: id,
        active: true,
        agentLogins: [{ code: a.agentId, switch: site.switchName }],
      });
    }
    for (const x of site.unstaffedExtensions)
      extensions.push({ dbid: 2000 + n++, number: x, switch: site.switchName });
    for (const vq of site.virtualQueues) {
      const id = `00000000-0000-4000-9000-${String(queueIds.size + 1).padStart(12, '0')}`;
      org.queues.set(id, { ...queueTemplate, id, name: vq, members: new Map() });
      queueIds.set(vq, id);
      queues.push({
        dbid: 500 + queueIds.size,
        name: vq,
        queueName: vq,
        switch: site.switchName,
        cloudId: id,
        active: true,
      });
    }
  }
  for (const name of DISPOSITIONS) {
    const id = `00000000-0000-4000-a000-${String(codeIds.size + 1).padStart(12, '0')}`;
    org.wrapupCodes.set(id, { ...codeTemplate, id, name });
    codeIds.set(name, id);
  }
  const mappings = mappingsFileSchema.parse({
    users,
    queues,
    extensions,
    wrapupcodes: DISPOSITIONS.map((name) => ({ name, cloudId: codeIds.get(name) })),
    source: { cloudId: f.sourceId },
  });
  return {
    topology,
    org,
    audit: new AuditLog(),
    mappings,
    dir: buildDirectory(mappings),
    userIds,
    queueIds,
    codeIds,
  };
}

/** Which link of EXCP receives a simulator event, or undefined when EXCP does not register its DN. */
function linkOf(w: World, e: SimEvent): LinkKind | undefined {
  if (e.dn === null) return 'call';
  const site = e.site === 'home' ? w.topology.home : w.topology.remote;
  if (site.virtualQueues.includes(e.dn)) return 'vq';
  if (w.dir.extension(e.dn, site.switchName)) return 'agent';
  return undefined;
}

let seq = 0;

/** A simulator event as EXCP's link hands it over (decoded from the JSON link line). */
export function toInput(w: World, e: SimEvent): TrackerInput | undefined {
  const link = linkOf(w, e);
  if (!link) return undefined;
  const decoded = decodeJsonLine(JSON.stringify({ ...e.body, AttributeEventSequenceNumber: ++seq }));
  if (!decoded.ok) throw new Error(`simulator event does not decode: ${decoded.error.message}`);
  const event = decoded.message;
  if (!isEvent(event)) throw new Error('simulator sent a request');
  const site = e.site === 'home' ? w.topology.home.switchName : w.topology.remote.switchName;
  return { event, link, site };
}

export function scenarioInputs(
  w: World,
  name: ScenarioName,
  callIndex = 0,
  startUs = 1_780_000_000_000_000,
): TrackerInput[] {
  const r = generateScenario(name, {
    topology: w.topology,
    startUs,
    timeScale: 1,
    callIndex,
    runTag: 'c0de',
  });
  return r.events.map((e) => toInput(w, e)).filter((x): x is TrackerInput => x !== undefined);
}

export interface Played {
  events: OutEvent[];
  notes: TrackerNote[];
  state: TrackerState;
}

export function play(w: World, inputs: readonly TrackerInput[], state: TrackerState = emptyState()): Played {
  const events: OutEvent[] = [];
  const notes: TrackerNote[] = [];
  for (const input of inputs) {
    const r = step(state, input, w.dir);
    events.push(...r.events);
    notes.push(...r.notes);
  }
  return { events, notes, state };
}

/** Sends each event alone (one per request, as the shell does within a conversation) to the emulator's rules. */
export function inject(w: World, events: readonly OutEvent[]): { rejected: string[]; duplicates: number } {
  const rejected: string[] = [];
  let duplicates = 0;
  for (const e of events) {
    const out = ingestConversationBatch(w.org, w.audit, toConversationBatch([e.tagged]), { limit: 100 });
    for (const err of out.errors) rejected.push(`${e.tagged.kind}: ${err.message ?? ''}`);
    duplicates += out.duplicates;
  }
  return { rejected, duplicates };
}

export function conversation(w: World, id: string): Conversation | undefined {
  return w.org.conversations.get(id);
}
