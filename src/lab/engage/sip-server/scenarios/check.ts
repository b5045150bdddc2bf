// The invariants every scenario's event list keeps, as T-Lib defines them: a call is created before it is
// used and deleted last; every party added is deleted (following moves); a CallUUID keeps its ConnID;
// participant lists match the parties; times strictly increase. Returns the problems found (none = ok).
import type { SimEvent } from './flow.ts';

interface CallInfo {
  connId: string;
  parties: Set<string>;
  deleted: boolean;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function checkScenarioEvents(events: readonly SimEvent[]): string[] {
  const problems: string[] = [];
  const calls = new Map<string, CallInfo>();
  const partyCall = new Map<string, string>();
  let lastUs = -Infinity;
  events.forEach((e, i) => {
    const at = `#${i} ${e.body.message}`;
    const b = e.body;
    if (e.atUs <= lastUs) problems.push(`${at}: time does not increase`);
    lastUs = e.atUs;
    const secs = Number(b['AttributeTimeinSecs']);
    const usecs = Number(b['AttributeTimeinuSecs']);
    if (secs * 1_000_000 + usecs !== e.atUs)
      problems.push(`${at}: time attributes disagree with the event time`);
    const uuid = str(b['AttributeCallUUID']);
    const connId = str(b['AttributeConnID']);
    if (
      !/^[0-9a-f]{16}$/.test(connId) &&
      b.message !== 'EventAgentNotReady' &&
      b.message !== 'EventAgentReady'
    ) {
      problems.push(`${at}: ConnID "${connId}" is not 16 hex digits`);
    }
    if (b.message === 'EventCallCreated') {
      if (calls.has(uuid)) problems.push(`${at}: call ${uuid} created twice`);
      calls.set(uuid, { connId, parties: new Set(), deleted: false });
      return;
    }
    if (!uuid) return; // agent-state events carry no call
    const call = calls.get(uuid);
    if (!call) return void problems.push(`${at}: call ${uuid} used before EventCallCreated`);
    if (call.deleted) problems.push(`${at}: call ${uuid} used after EventCallDeleted`);
    if (call.connId !== connId)
      problems.push(`${at}: call ${uuid} changed ConnID ${call.connId} → ${connId}`);
    const party = str(b['AttributePartyUUID']);
    switch (b.message) {
      case 'EventCallPartyAdded':
        if (partyCall.has(party)) problems.push(`${at}: party ${party} added twice`);
        partyCall.set(party, uuid);
        call.parties.add(party);
        break;
      case 'EventCallPartyState':
      case 'EventCallPartyDeleted':
        if (partyCall.get(party) !== uuid) problems.push(`${at}: party ${party} is not on call ${uuid}`);
        if (b.message === 'EventCallPartyDeleted') {
          call.parties.delete(party);
          partyCall.delete(party);
        }
        break;
      case 'EventCallPartyMoved': {
        const to = calls.get(str(b['AttributeNewCallUUID']));
        if (partyCall.get(party) !== uuid || !to) {
          problems.push(`${at}: bad move of party ${party}`);
          break;
        }
        call.parties.delete(party);
        to.parties.add(party);
        partyCall.set(party, str(b['AttributeNewCallUUID']));
        break;
      }
      case 'EventCallDeleted':
        if (call.parties.size)
          problems.push(`${at}: call ${uuid} deleted with ${call.parties.size} parties left`);
        call.deleted = true;
        break;
      case 'EventUserEvent': {
        const ud = b['AttributeUserData'] as { Participants?: Record<string, unknown> } | undefined;
        const listed = Object.keys(ud?.Participants ?? {})
          .sort()
          .join(',');
        if (listed !== [...call.parties].sort().join(','))
          problems.push(`${at}: participants do not match parties`);
        break;
      }
    }
  });
  for (const [uuid, c] of calls) if (!c.deleted) problems.push(`call ${uuid} never deleted`);
  for (const [party] of partyCall) problems.push(`party ${party} never deleted`);
  return problems;
}
