// The pinned call scenarios of DESIGN §6 as pure generators: (name, topology, clock) → the ordered events
// a SIP Server pair distributes for that call, on DNs and to call monitors.
import { Flow, type FlowContext, type SimEvent } from './flow.ts';
import { MULTISITE } from './multisite.ts';
import { SUPPORTED } from './supported.ts';
import { UNSUPPORTED } from './unsupported.ts';

export type { FlowContext, SimEvent, SiteKey, TLibBody } from './flow.ts';

/** The pinned scenario names, in the order of DESIGN §6's table. */
export const SCENARIO_NAMES = [
  'ivr-only',
  'queue-abandon',
  'answered-caller-hangs-up',
  'answered-agent-hangs-up',
  'ring-no-answer',
  'hold-retrieve',
  'acw-disposition',
  'blind-transfer-agent',
  'blind-transfer-queue',
  'blind-transfer-external',
  'consult-transfer-agent',
  'consult-transfer-queue',
  'consult-cancel',
  'consult-transfer-external',
  'agent-outbound',
  'multisite-routed',
  'multisite-transfer',
  'conference',
  'supervision',
  'nested-consult',
  'third-call',
  'no-agent-extension',
  'out-of-scope-agent',
  'internal',
  'asm-outbound',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/**
 * What the conversation provider is expected to make of each scenario (DESIGN §6 and seed 003): one
 * Genesys Cloud conversation, a conversation put in monitoring suspension, the extra call ignored, or
 * nothing injected.
 */
export type ScenarioOutcome = 'conversation' | 'monitoring-suspension' | 'ignored' | 'not-injected';

export const SCENARIO_OUTCOME: Record<ScenarioName, ScenarioOutcome> = {
  'ivr-only': 'conversation',
  'queue-abandon': 'conversation',
  'answered-caller-hangs-up': 'conversation',
  'answered-agent-hangs-up': 'conversation',
  'ring-no-answer': 'conversation',
  'hold-retrieve': 'conversation',
  'acw-disposition': 'conversation',
  'blind-transfer-agent': 'conversation',
  'blind-transfer-queue': 'conversation',
  'blind-transfer-external': 'conversation',
  'consult-transfer-agent': 'conversation',
  'consult-transfer-queue': 'conversation',
  'consult-cancel': 'conversation',
  'consult-transfer-external': 'conversation',
  'agent-outbound': 'conversation',
  'multisite-routed': 'conversation',
  'multisite-transfer': 'conversation',
  conference: 'monitoring-suspension',
  supervision: 'monitoring-suspension',
  'nested-consult': 'monitoring-suspension',
  'third-call': 'ignored',
  'no-agent-extension': 'not-injected',
  'out-of-scope-agent': 'not-injected',
  internal: 'not-injected',
  'asm-outbound': 'not-injected',
};

const ALL: Record<string, (f: Flow) => void> = { ...SUPPORTED, ...MULTISITE, ...UNSUPPORTED };

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

export interface ScenarioResult {
  scenario: ScenarioName;
  /** The first CallUUID the scenario creates (the call the admin API answers with). */
  callUuid: string;
  connId: string;
  /** Extensions the call occupies (the traffic driver keeps them busy until the last event). */
  extensions: string[];
  events: SimEvent[];
}

/** Plays a scenario on paper: every event, in order, with its time and where it is distributed. */
export function generateScenario(name: ScenarioName, ctx: FlowContext): ScenarioResult {
  const play = ALL[name];
  if (!play) throw new Error(`unknown scenario "${name}"`);
  const f = new Flow(ctx);
  play(f);
  const first = f.events.find((e) => e.body.message === 'EventCallCreated');
  const extensions = new Set<string>();
  for (const e of f.events) if (e.body.message === 'EventUserEvent' && e.dn) extensions.add(e.dn);
  return {
    scenario: name,
    callUuid: String(first?.body['AttributeCallUUID'] ?? ''),
    connId: String(first?.body['AttributeConnID'] ?? ''),
    extensions: [...extensions],
    events: f.events,
  };
}
