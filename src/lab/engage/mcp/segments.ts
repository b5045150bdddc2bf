// Which recording segments MCP makes, from SIP Server's call-monitoring events (pure: events in, finished
// segments out). A real MCP is told by SIP Server to record a DN's leg; here an agent leg is recorded from
// the moment the extension's party is connected until it leaves the call (a transfer that moves the party
// to another call ends one segment and starts the next), holds are masked (paused / resume), and, when
// asked, a trunk recording covers the whole call from its creation to its deletion.
import { attrInt, attrString, eventTimeMicros } from '../../../engage/tlib/model/access.ts';
import { decodePartyState } from '../../../engage/tlib/model/enums.ts';
import type { TMessage } from '../../../engage/tlib/model/types.ts';

/** AttributePartyType values of the simulator (UNCONFIRMED enum; see sip-server/scenarios/tlib-values.ts). */
const PARTY_EXTENSION = 2;
const EXTERNAL_TYPES = new Set([1, 4]); // External, Trunk

export interface SegmentMask {
  timeUs: number;
  type: 'paused' | 'resume';
}

export interface FinishedSegment {
  kind: 'agent' | 'trunk';
  callUuid: string;
  connId: string;
  ani?: string;
  dnis?: string;
  /** The recorded DN: the agent's extension, or the trunk party's DN. */
  recordDn: string;
  agentId?: string;
  startUs: number;
  stopUs: number;
  masks: SegmentMask[];
  /** 1, 2, … per call, in the order segments start. */
  seq: number;
}

export interface SegmentTrackerOptions {
  /** The agent logged in on an extension (the topology's); the extension is recorded only when known. */
  agentOf(extension: string): string | undefined;
  /** Also record the whole call on behalf of its trunk (seed 003, "Limitations"). */
  trunk?: boolean;
}

interface CallInfo {
  connId: string;
  ani?: string;
  dnis?: string;
  createdUs: number;
  externalDn?: string;
  segments: number;
}

interface Recording {
  callUuid: string;
  dn: string;
  agentId: string;
  startUs: number;
  held: boolean;
  masks: SegmentMask[];
  seq: number;
}

const telephony = (m: TMessage): string | undefined => {
  const s = attrInt(m, 'AttributePartyState');
  return s === undefined ? undefined : decodePartyState(s).telephony;
};

export class SegmentTracker {
  private readonly calls = new Map<string, CallInfo>();
  /** Recordings in progress, by PartyUUID. */
  private readonly recording = new Map<string, Recording>();

  constructor(private readonly opts: SegmentTrackerOptions) {}

  /** Calls and recordings in progress (for the simulator's state). */
  get active(): { calls: number; recordings: number } {
    return { calls: this.calls.size, recordings: this.recording.size };
  }

  apply(m: TMessage): FinishedSegment[] {
    const at = eventTimeMicros(m) ?? Date.now() * 1000;
    const callUuid = attrString(m, 'AttributeCallUUID');
    if (!callUuid) return [];
    switch (m.name) {
      case 'EventCallCreated': {
        const ani = attrString(m, 'AttributeANI');
        const dnis = attrString(m, 'AttributeDNIS');
        this.calls.set(callUuid, {
          connId: attrString(m, 'AttributeConnID') ?? '',
          ...(ani ? { ani } : {}),
          ...(dnis ? { dnis } : {}),
          createdUs: at,
          segments: 0,
        });
        return [];
      }
      case 'EventCallPartyAdded':
      case 'EventCallPartyState':
        return this.partyState(m, callUuid, at);
      case 'EventCallPartyMoved': {
        const party = attrString(m, 'AttributePartyUUID') ?? '';
        const to = attrString(m, 'AttributeNewCallUUID');
        const out = this.stop(party, at);
        if (to) out.push(...this.partyState(m, to, at));
        return out;
      }
      case 'EventCallPartyDeleted':
        return this.stop(attrString(m, 'AttributePartyUUID') ?? '', at);
      case 'EventCallDeleted':
        return this.callDeleted(callUuid, at);
      default:
        return [];
    }
  }

  private partyState(m: TMessage, callUuid: string, at: number): FinishedSegment[] {
    const call = this.calls.get(callUuid);
    if (!call) return [];
    const type = attrInt(m, 'AttributePartyType');
    const dn = attrString(m, 'AttributeDN') ?? '';
    if (type !== undefined && EXTERNAL_TYPES.has(type)) call.externalDn ??= dn;
    if (type !== PARTY_EXTENSION) return [];
    const party = attrString(m, 'AttributePartyUUID') ?? '';
    const state = telephony(m);
    const rec = this.recording.get(party);
    if (!rec) {
      const agentId = this.opts.agentOf(dn);
      if (state !== 'Connected' || agentId === undefined) return [];
      this.recording.set(party, {
        callUuid,
        dn,
        agentId,
        startUs: at,
        held: false,
        masks: [],
        seq: ++call.segments,
      });
      return [];
    }
    if (state === 'Held' && !rec.held) {
      rec.held = true;
      rec.masks.push({ timeUs: at, type: 'paused' });
    } else if (state === 'Connected' && rec.held) {
      rec.held = false;
      rec.masks.push({ timeUs: at, type: 'resume' });
    }
    return [];
  }

  private stop(party: string, at: number): FinishedSegment[] {
    const rec = this.recording.get(party);
    if (!rec) return [];
    this.recording.delete(party);
    const call = this.calls.get(rec.callUuid);
    return [
      {
        kind: 'agent',
        callUuid: rec.callUuid,
        connId: call?.connId ?? '',
        ...(call?.ani ? { ani: call.ani } : {}),
        ...(call?.dnis ? { dnis: call.dnis } : {}),
        recordDn: rec.dn,
        ...(rec.agentId ? { agentId: rec.agentId } : {}),
        startUs: rec.startUs,
        stopUs: at,
        masks: rec.masks,
        seq: rec.seq,
      },
    ];
  }

  private callDeleted(callUuid: string, at: number): FinishedSegment[] {
    const call = this.calls.get(callUuid);
    if (!call) return [];
    const out: FinishedSegment[] = [];
    for (const [party, rec] of this.recording)
      if (rec.callUuid === callUuid) out.push(...this.stop(party, at));
    this.calls.delete(callUuid);
    if (this.opts.trunk && call.externalDn) {
      out.push({
        kind: 'trunk',
        callUuid,
        connId: call.connId,
        ...(call.ani ? { ani: call.ani } : {}),
        ...(call.dnis ? { dnis: call.dnis } : {}),
        recordDn: call.externalDn,
        startUs: call.createdUs,
        stopUs: at,
        masks: [],
        seq: ++call.segments,
      });
    }
    return out;
  }
}
