// Renders, for docs/call-flows.md, what the conversation tracker makes of each scenario: the Engage
// events that produce something (left) and the Genesys Cloud events they produce (right), from the
// tracker itself, so the document stays true (a test compares the two). Run this file to rewrite it.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { attrInt, attrString, thisDn, type TEvent } from '../../src/engage/tlib/index.ts';
import { SCENARIO_NAMES, SCENARIO_OUTCOME } from '../../src/lab/engage/sip-server/scenarios/index.ts';
import type { OutEvent } from '../../src/services/conversation-provider/core/api.ts';
import { emptyState, step } from '../../src/services/conversation-provider/core/api.ts';
import { makeWorld, scenarioInputs } from './scenario-world.ts';

export const CLOUD_BEGIN =
  '<!-- excp-flows:begin (generated: node --import tsx test/conversation-provider/describe-cloud.ts) -->';
export const CLOUD_END = '<!-- excp-flows:end -->';

const PARTY_TYPES = ['?', 'External', 'Extension', 'RoutingPoint', 'Trunk'];

function engageText(ev: TEvent): string {
  const dn = attrString(ev, 'AttributeDN') ?? thisDn(ev) ?? '';
  const type = attrInt(ev, 'AttributePartyType');
  const cause = attrInt(ev, 'AttributeCause');
  const extra = [
    type !== undefined ? PARTY_TYPES[type] : undefined,
    cause !== undefined ? `cause ${cause}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${ev.name.replace(/^Event/, '')} ${dn}${extra ? ` (${extra})` : ''}`.trim();
}

class Labels {
  private readonly names = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  of(id: string | undefined, purpose = ''): string {
    if (!id) return '?';
    let n = this.names.get(id);
    if (!n) {
      const base = { external: 'C', ivr: 'I', routing: 'Q', user: 'A', phone: 'X' }[purpose] ?? '?';
      const k = (this.counts.get(base) ?? 0) + 1;
      this.counts.set(base, k);
      n = `${base}${k}`;
      this.names.set(id, n);
    }
    return n;
  }
}

function cloudText(e: OutEvent, l: Labels): string {
  const ev: Record<string, unknown> = Object.fromEntries(Object.entries(e.tagged.event));
  const kind = e.tagged.kind.replace(/Events$/, '');
  const s = (k: string) => (typeof ev[k] === 'string' ? (ev[k] as string) : undefined);
  const purpose = /^(external|ivr|phone|routing|user)Established$/.exec(kind)?.[1];
  if (purpose) {
    const ic = ev.initialConfiguration as { invitedBy?: string; alerting?: boolean };
    const me = l.of(s('communicationId'), purpose);
    return `${kind} ${me}${ic.invitedBy ? ` ← ${l.of(ic.invitedBy)}` : ''}${ic.alerting ? ' (alerting)' : ''}`;
  }
  if (kind === 'communicationEnded') return `${kind} ${l.of(s('communicationId'))} ${s('disconnectType')}`;
  if (kind === 'holdUpdated') return `${kind} ${l.of(s('communicationId'))} held=${String(ev.held)}`;
  if (kind.endsWith('Transfer') && s('commandId') && s('transferType'))
    return `${kind} ${l.of(s('initiatingCommunicationId'))}: ${l.of(s('objectCommunicationId'))} → ${kind.replace('Transfer', '')}`;
  if (kind === 'progressTransfer')
    return `${kind} ${l.of(s('objectCommunicationId'))} → ${l.of(s('destinationCommunicationId'))}`;
  if (kind === 'endTransfer') return `${kind} ${s('finalState')}`;
  if (kind === 'consultTransfer' || kind === 'progressConsultTransfer')
    return `${kind} ${l.of(s('initiatingCommunicationId'))}: ${l.of(s('objectCommunicationId'))} → ${l.of(s('destinationCommunicationId'))}`;
  return `${kind}${s('communicationId') ? ` ${l.of(s('communicationId'))}` : ''}`;
}

export function renderCloudFlows(): string {
  const rows = [
    '| scenario | Engage events that change the conversation | Genesys Cloud events |',
    '|---|---|---|',
  ];
  for (const name of SCENARIO_NAMES) {
    const w = makeWorld();
    const state = emptyState();
    const left: string[] = [];
    const right: string[] = [];
    const labels = new Labels();
    const emitted: { n: number; e: OutEvent }[] = [];
    scenarioInputs(w, name).forEach((input, i) => {
      const r = step(state, input, w.dir);
      for (const note of r.notes) right.push(`${i + 1}: **${note.kind}: ${note.reason}**`);
      if (r.events.length || r.notes.length) left.push(`${i + 1}. ${engageText(input.event)}`);
      for (const e of r.events) emitted.push({ n: i + 1, e });
    });
    // Held-back events come out with the step that releases them: number them by that step.
    for (const { n, e } of emitted) right.push(`${n}: ${cloudText(e, labels)}`);
    right.sort((a, b) => Number.parseInt(a) - Number.parseInt(b));
    rows.push(
      `| \`${name}\` (${SCENARIO_OUTCOME[name]}) | ${left.join('<br>')} | ${right.join('<br>') || '—'} |`,
    );
  }
  return rows.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = new URL('../../docs/call-flows.md', import.meta.url);
  const doc = readFileSync(path, 'utf8');
  const a = doc.indexOf(CLOUD_BEGIN);
  const b = doc.indexOf(CLOUD_END);
  if (a < 0 || b < 0) throw new Error('docs/call-flows.md has no excp-flows region');
  writeFileSync(path, `${doc.slice(0, a + CLOUD_BEGIN.length)}\n\n${renderCloudFlows()}\n\n${doc.slice(b)}`);
}
