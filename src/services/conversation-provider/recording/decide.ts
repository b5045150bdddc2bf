// The pure core of recording injection: for one recorded segment of an ended conversation, which
// participant it belongs to and whether (and with which program and language) speech and text analytics
// is asked for — seed 003, "Recording Transcription", "Limitations". The shell only stores and sends.
import type { InteractionEndInput } from '../../recording-provider/interaction-end.ts';
import type { CommInfo, RecContext } from './context.ts';
import type { Segment } from './metadata.ts';

export type Transcription = 'Disabled' | 'EnabledGlobally' | 'EnabledQueueFlow';

/** What Genesys Cloud says about transcription and programs (pulled every 15 minutes). */
export interface StaSnapshot {
  transcription: Transcription;
  /** speechandtextanalytics/settings.defaultProgram. */
  defaultProgramId?: string;
  /** queue id → program id (a queue has at most one program). */
  queuePrograms: Record<string, string>;
  /** queue id → Queue.enableTranscription. */
  queueTranscription: Record<string, boolean>;
}

/** The hybrid_integration options (conversation_provider section). */
export interface StaOptions {
  defaultLanguage?: string;
  languageKey?: string;
  /** sta_default_programid: used when Genesys Cloud has no default program. */
  defaultProgramId?: string;
}

export type Link = 'agent' | 'trunk' | 'first-party';

export interface Decision {
  segmentId: string;
  link: Link;
  /** Why STA is (not) asked for: a short token for logs and metrics. */
  sta: string;
  request?: InteractionEndInput;
  /** Why nothing is sent for this segment. */
  skipped?: string;
}

const LANGUAGE = /^[a-z]{2}-[A-Z]{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const validLanguage = (v: string | undefined): v is string => v !== undefined && LANGUAGE.test(v);

const overlap = (seg: Segment, c: CommInfo, endMs: number): number =>
  Math.min(seg.stopMs, c.endMs ?? endMs) - Math.max(seg.startMs, c.startMs);

/** The agent communication a segment was recorded for: by DN or agent, then by the longest overlap in time. */
export function agentCommOf(
  ctx: RecContext,
  seg: Segment,
  userOf?: (agentId: string) => string | undefined,
): CommInfo | undefined {
  const cloudUser = seg.agentId ? userOf?.(seg.agentId) : undefined;
  const candidates = ctx.comms.filter(
    (c) =>
      c.purpose === 'user' &&
      ((seg.recordDn !== undefined && c.dn === seg.recordDn) ||
        (seg.agentId !== undefined &&
          (c.login === seg.agentId ||
            c.employeeId === seg.agentId ||
            (cloudUser !== undefined && c.userId === cloudUser)))),
  );
  let best: CommInfo | undefined;
  let bestOverlap = -Infinity;
  for (const c of candidates) {
    const o = overlap(seg, c, ctx.endedMs);
    if (o > bestOverlap) {
      best = c;
      bestOverlap = o;
    }
  }
  return best;
}

interface StaChoice {
  sta?: { programId: string; language: string };
  reason: string;
}

function staFor(link: Link, comm: CommInfo, sta: StaSnapshot | undefined, o: StaOptions): StaChoice {
  if (!sta) return { reason: 'settings-unknown' };
  if (sta.transcription === 'Disabled') return { reason: 'org-transcription-off' };
  const orgDefault = sta.defaultProgramId ?? o.defaultProgramId;
  let programId = orgDefault;
  const queue = link === 'agent' ? comm.originQueueId : undefined;
  if (queue) {
    if (sta.queueTranscription[queue] !== true) return { reason: 'queue-transcription-off' };
    programId = sta.queuePrograms[queue] ?? orgDefault;
  }
  if (!programId || !UUID.test(programId)) return { reason: 'no-program' };
  const fromUserData = link === 'agent' && o.languageKey ? comm.ud?.[o.languageKey] : undefined;
  const language = validLanguage(fromUserData) ? fromUserData : o.defaultLanguage;
  if (!validLanguage(language)) return { reason: 'invalid-default-language' };
  const reason = queue ? (sta.queuePrograms[queue] ? 'queue-program' : 'default-program') : 'default-program';
  return {
    sta: { programId, language },
    reason: `${reason}${validLanguage(fromUserData) ? '+userdata-language' : '+default-language'}`,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** One segment → its interaction-end request (or why none). */
export function decideSegment(
  ctx: RecContext,
  seg: Segment,
  sta: StaSnapshot | undefined,
  o: StaOptions,
  userOf?: (agentId: string) => string | undefined,
): Decision {
  const agent = agentCommOf(ctx, seg, userOf);
  // Not an agent's recording (no agent named, DN not an agent's): recorded on behalf of a trunk, the
  // whole call. An agent's recording we cannot place (a party never injected, Monitoring Suspension
  // Mode): linked to the first party (seed 003, "Limitations").
  const link: Link = agent ? 'agent' : seg.agentId === undefined ? 'trunk' : 'first-party';
  const comm = agent ?? ctx.comms[0];
  if (!comm)
    return { segmentId: seg.segmentId, link, sta: 'none', skipped: 'the conversation has no participant' };
  const choice = staFor(link, comm, sta, o);
  const request: InteractionEndInput = {
    segmentId: seg.segmentId,
    file: seg.file,
    mediaType: seg.mediaType,
    callUuid: seg.callUuid,
    conversationId: ctx.conversationId,
    participantId: comm.id,
    communicationId: comm.id,
    ...(comm.userId && UUID.test(comm.userId) ? { userId: comm.userId } : {}),
    trunk: link === 'trunk',
    startTime: iso(seg.startMs),
    endTime: iso(seg.stopMs),
    masks: seg.masks.map((m) => ({ time: iso(m.timeMs), type: m.type })),
    ...(choice.sta ? { sta: choice.sta } : {}),
  };
  return { segmentId: seg.segmentId, link, sta: choice.reason, request };
}
