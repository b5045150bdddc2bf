// Renders each scenario's event sequence as a Markdown table for docs/call-flows.md, from the generator
// itself, so the document always says what the simulator plays (a test compares the two).
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { generateTopology, type SipTopology } from '../topology.ts';
import type { SimEvent } from './flow.ts';
import { generateScenario, SCENARIO_NAMES, type ScenarioName } from './index.ts';

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  'ivr-only': 'inbound, IVR on a routing point only, the caller hangs up',
  'queue-abandon': 'inbound → RP → VQ, the caller abandons in queue',
  'answered-caller-hangs-up': 'inbound → RP → VQ → agent answers; the caller hangs up',
  'answered-agent-hangs-up': 'the same; the agent hangs up',
  'ring-no-answer': 'ring-no-answer at an agent, back to the queue, another agent answers',
  'hold-retrieve': 'answered, held and retrieved',
  'acw-disposition': 'answered, after-call work, a disposition code in user data',
  'blind-transfer-agent': 'single-step transfer to another agent',
  'blind-transfer-queue': 'single-step transfer to a routing point / VQ and on to another agent',
  'blind-transfer-external': 'single-step transfer to an external number',
  'consult-transfer-agent': 'consult another agent, complete the transfer',
  'consult-transfer-queue': 'consult through a queue, complete the transfer',
  'consult-cancel': 'consult, then cancel and retrieve the customer',
  'consult-transfer-external': 'consult an external number, complete the transfer',
  'agent-outbound': 'an agent calls an external number',
  'multisite-routed': 'routed to an agent on another site (ISLinkList, one conversation)',
  'multisite-transfer': 'an agent single-step transfers to an agent on another site',
  conference: 'unsupported: a conference (monitoring suspension)',
  supervision: 'unsupported: a supervisor monitors the call (monitoring suspension)',
  'nested-consult': 'unsupported: a consult made from a consult (monitoring suspension)',
  'third-call': 'unsupported: a third concurrent call on an agent DN (ignored)',
  'no-agent-extension': 'unsupported: a call to an extension with no logged-in agent (not injected)',
  'out-of-scope-agent': 'unsupported: routed to an agent outside the sync scope (not injected)',
  internal: 'unsupported: an internal call between two agents (not injected)',
  'asm-outbound': 'unsupported: an ASM outbound campaign call (not injected)',
};

const CALL_TYPES = ['Unknown', 'Internal', 'Inbound', 'Outbound', 'Consult'];
const ROLES = [
  'Unknown',
  'Origination',
  'Destination',
  'ConferenceMember',
  'NewParty',
  'AddedBy',
  'DeletedBy',
  'TransferredBy',
  'DeletedParty',
  'ConferencedBy',
  'Observer',
];
const PARTY_TYPES = ['Unknown', 'External', 'Extension', 'RoutingPoint', 'Trunk'];
const GENERIC: Record<number, string> = {
  1: 'Initiated',
  9: 'Queued',
  10: 'Alerting',
  11: 'Busy',
  12: 'Connected',
  14: 'Held',
  15: 'Failed',
};
const CALL_STATES: Record<number, string> = {
  0: 'Ok',
  1: 'Transferred',
  2: 'Conferenced',
  7: 'NoAnswer',
  21: 'Abandoned',
  22: 'Redirected',
};

export function partyStateName(v: number): string {
  const parts = [GENERIC[v & 0xf] ?? `0x${(v & 0xf).toString(16)}`];
  if ((v & 0xf0) === 0xa0) parts.push('SvcObserving');
  if (v & 0x200) parts.push('Treatment');
  if (v & 0x800) parts.push('Routing');
  if (v & 0x10000) parts.push('Dialing');
  return parts.join('+');
}

/** Stable short names for the ids of one scenario: C1 (CallUUID), K1 (ConnID), P1 (party), L1 (IS-Link). */
class Names {
  private readonly map = new Map<string, string>();
  private readonly next: Record<string, number> = {};
  of(id: string, prefix: string): string {
    let n = this.map.get(id);
    if (!n) {
      this.next[prefix] = (this.next[prefix] ?? 0) + 1;
      n = `${prefix}${this.next[prefix]}`;
      this.map.set(id, n);
    }
    return n;
  }
}

function details(e: SimEvent, names: Names): string {
  const b = e.body;
  const out: string[] = [];
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const n = (k: string) => (typeof b[k] === 'number' ? (b[k] as number) : undefined);
  const call = s('AttributeCallUUID');
  if (call) out.push(`${names.of(call, 'C')}/${names.of(s('AttributeConnID') ?? '', 'K')}`);
  if (n('AttributeCallType') !== undefined && b.message !== 'EventUserEvent')
    out.push(CALL_TYPES[n('AttributeCallType')!] ?? '?');
  const party = s('AttributePartyUUID');
  if (party)
    out.push(
      `party ${names.of(party, 'P')} ${s('AttributeDN')} (${PARTY_TYPES[n('AttributePartyType') ?? 0]}, ${partyStateName(n('AttributePartyState') ?? 0)})`,
    );
  for (const [k, label] of [
    ['AttributeOrigCallUUID', 'orig'],
    ['AttributeNewCallUUID', 'to'],
    ['AttributeRefCallUUID', 'ref'],
  ] as const) {
    const v = s(k);
    if (v) out.push(`${label} ${names.of(v, 'C')}`);
  }
  const role = n('AttributeThisDNRole');
  if (role !== undefined) out.push(`role ${ROLES[role]}`);
  if (s('AttributeOtherDN')) out.push(`other ${s('AttributeOtherDN')}`);
  if (s('AttributeThirdPartyDN'))
    out.push(`third ${s('AttributeThirdPartyDN')} (${ROLES[n('AttributeThirdPartyDNRole') ?? 0]})`);
  if (s('AttributePreviousConnID')) out.push(`prev ${names.of(s('AttributePreviousConnID')!, 'K')}`);
  if (n('AttributeCallState') !== undefined)
    out.push(`state ${CALL_STATES[n('AttributeCallState')!] ?? n('AttributeCallState')}`);
  if (n('AttributeCause') !== undefined) out.push(`cause ${n('AttributeCause')}`);
  if (n('AttributeAgentWorkMode') !== undefined) out.push(`workmode ${n('AttributeAgentWorkMode')}`);
  if (s('AttributeAgentID') && b.message !== 'EventUserEvent') out.push(`agent ${s('AttributeAgentID')}`);
  const ud = b['AttributeUserData'] as Record<string, unknown> | undefined;
  if (b.message === 'EventUserEvent' && ud) {
    const list = Object.values(ud['Participants'] as Record<string, { DN: string }>).map((p) => p.DN);
    out.push(`participants [${list.join(', ')}]`);
  } else if (
    ud &&
    (b.message === 'EventAttachedDataChanged' ||
      b.message === 'EventCallDataChanged' ||
      b.message === 'EventDiverted')
  ) {
    out.push(`userdata {${Object.keys(ud).join(', ')}}`);
  }
  const links = b['AttributeISLinkList'] as Record<string, { loc: string; dir: string }> | undefined;
  if (links)
    for (const [id, v] of Object.entries(links)) out.push(`ISLink ${names.of(id, 'L')} ${v.dir} ${v.loc}`);
  return out.join('; ');
}

export function renderScenario(name: ScenarioName, topology: SipTopology): string {
  const r = generateScenario(name, {
    topology,
    startUs: 1_763_770_000_000_000,
    timeScale: 1,
    callIndex: 1,
    runTag: 'd0c5',
  });
  const names = new Names();
  const rows = r.events.map((e, i) => {
    const site = e.site === 'home' ? topology.home.switchName : topology.remote.switchName;
    const where = e.dn === null ? 'call monitoring' : `DN ${e.dn}`;
    return `| ${i + 1} | ${site} | ${where} | ${e.body.message} | ${details(e, names)} |`;
  });
  return [
    `### \`${name}\``,
    '',
    `${SCENARIO_TITLES[name]}.`,
    '',
    '| # | server | distributed on | event | details |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function renderAllScenarios(topology: SipTopology): string {
  return SCENARIO_NAMES.map((n) => renderScenario(n, topology)).join('\n');
}

export const FLOWS_BEGIN =
  '<!-- engage-flows:begin (generated: node --import tsx src/lab/engage/sip-server/scenarios/describe.ts) -->';
export const FLOWS_END = '<!-- engage-flows:end -->';

/** Replaces the generated region of docs/call-flows.md with the current rendering. */
export function updateCallFlowsDoc(doc: string, topology: SipTopology): string {
  const a = doc.indexOf(FLOWS_BEGIN);
  const b = doc.indexOf(FLOWS_END);
  if (a < 0 || b < a) throw new Error('docs/call-flows.md: the generated region markers are missing');
  return doc.slice(0, a + FLOWS_BEGIN.length) + '\n\n' + renderAllScenarios(topology) + '\n' + doc.slice(b);
}

// Run directly, rewrites the generated region of docs/call-flows.md.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = new URL('../../../../../docs/call-flows.md', import.meta.url);
  writeFileSync(file, updateCallFlowsDoc(readFileSync(file, 'utf8'), generateTopology()));
}
