// What the console shows, as data: the org (in the /__emulator/org shape) plus the recordings, the
// services' health and the demo's control URL → agent tiles, queue cards, conversation timelines with
// their recordings, and the health panel. Pure; the page only draws it.
import type { orgView } from '../org-view.ts';
import type { ConsoleRecording } from './recordings.ts';

export type OrgView = ReturnType<typeof orgView>;
type OrgUser = OrgView['users'][number];
type OrgConversation = OrgView['conversations'][number];
type OrgParticipant = OrgConversation['participants'][number];

/** The colour family of a tile: what an operator reads at a glance on a wallboard. */
export type Tone = 'available' | 'on-queue' | 'interacting' | 'not-responding' | 'away' | 'busy' | 'offline';

export interface AgentTile {
  id: string;
  name: string;
  externalId: string | null;
  active: boolean;
  presence: string;
  routingStatus: string;
  tone: Tone;
  /** When the current routing status (else presence) began. */
  since: string | null;
  /** Conversations in which this user has a live communication. */
  onCall: boolean;
}

export interface QueueCard {
  id: string;
  name: string;
  peerId: string | null;
  members: { id: string; name: string; joined: boolean; tone: Tone }[];
  wrapupCodes: string[];
}

export interface TimelineRecording {
  id: string;
  fileName: string;
  language: string | null;
  audioUrl: string;
  startTime: string;
  endTime: string;
  bytes: number;
}

export interface TimelineRow {
  communicationId: string;
  purpose: OrgParticipant['purpose'];
  /** Who: the agent's name, the queue's name, the phone number. */
  label: string;
  state: string;
  held: boolean;
  open: boolean;
  disconnectType: string | null;
  wrapupCode: string | null;
  /** Position of the bar on the conversation's time axis, in percent. */
  left: number;
  width: number;
  recordings: TimelineRecording[];
}

export interface ConversationTimeline {
  id: string;
  interactionId: string;
  startTime: string;
  live: boolean;
  durationMs: number;
  /** Accepted events by array name (e.g. holdUpdatedEvents: 2). */
  eventCounts: Record<string, number>;
  rows: TimelineRow[];
  /** Recordings of this conversation that match no participant row. */
  otherRecordings: TimelineRecording[];
}

export interface ServiceHealth {
  name: string;
  url: string;
  status: 'UP' | 'DOWN' | 'unreachable' | 'unknown';
  dependencies: { name: string; status: string; detail: string | null }[];
}

export interface ConsoleView {
  at: string;
  summary: {
    users: number;
    activeUsers: number;
    onQueue: number;
    queues: number;
    wrapupCodes: number;
    conversations: number;
    liveConversations: number;
    recordings: number | null;
    uploads: number;
  };
  tiles: AgentTile[];
  queues: QueueCard[];
  conversations: ConversationTimeline[];
  /** null: the emulator has no recordings list (the recording path is not in this build). */
  recordingsAvailable: boolean;
  services: ServiceHealth[];
  controlUrl: string | null;
}

export interface ConsoleInput {
  org: OrgView;
  /** The total number of conversations in the org (org.conversations may hold only the latest). */
  conversationCount?: number;
  recordings: ConsoleRecording[] | null;
  services: ServiceHealth[];
  controlUrl: string | null;
  now: number;
  /** Latest conversations drawn (default 30). */
  maxConversations?: number;
}

export function toneOf(presence: string | null | undefined, routing: string | null | undefined): Tone {
  if (routing === 'Interacting' || routing === 'Communicating') return 'interacting';
  if (routing === 'NotResponding') return 'not-responding';
  if (routing === 'Idle') return 'on-queue';
  switch (presence) {
    case 'Available':
    case 'Idle':
      return 'available';
    case 'OnQueue':
      return 'on-queue';
    case 'Busy':
    case 'Meeting':
    case 'Training':
      return 'busy';
    case 'Away':
    case 'Break':
    case 'Meal':
      return 'away';
    default:
      return 'offline';
  }
}

const ON_QUEUE = new Set<Tone>(['on-queue', 'interacting', 'not-responding']);
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function tileOf(u: OrgUser, busy: Set<string>): AgentTile {
  const presence = u.presence?.systemPresence ?? null;
  const routing = u.routingStatus?.status ?? null;
  return {
    id: u.id,
    name: u.displayName,
    externalId: u.externalId,
    active: u.active,
    presence: presence ?? 'no presence yet',
    routingStatus: routing ?? 'no status yet',
    tone: u.active ? toneOf(presence, routing) : 'offline',
    since: u.routingStatus?.eventDateTime ?? u.presence?.eventDateTime ?? null,
    onCall: busy.has(u.id),
  };
}

function recordingOf(r: ConsoleRecording): TimelineRecording {
  return {
    id: r.id,
    fileName: r.fileName,
    language: r.language ?? null,
    audioUrl: r.audioUrl,
    startTime: r.startTime,
    endTime: r.endTime,
    bytes: r.bytes,
  };
}

const ms = (iso: string | null | undefined): number | undefined => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : undefined;
};
const round = (n: number) => Math.round(n * 100) / 100;

function timelineOf(
  c: OrgConversation,
  names: { users: Map<string, string>; queues: Map<string, string>; codes: Map<string, string> },
  recordings: ConsoleRecording[],
  now: number,
): ConversationTimeline {
  const t0 = ms(c.startTime) ?? now;
  const live = c.participants.length === 0 || c.participants.some((p) => !p.endTime);
  const ends = c.participants.map((p) => ms(p.endTime) ?? now);
  const t1 = live ? Math.max(now, ...ends) : Math.max(t0, ...ends);
  const span = Math.max(1, t1 - t0);
  const matched = new Set<string>();
  const rows = c.participants.map((p): TimelineRow => {
    const a = ms(p.startTime) ?? t0;
    const b = ms(p.endTime) ?? t1;
    const mine = recordings.filter(
      (r) =>
        r.communicationId === p.communicationId ||
        (!r.communicationId && p.purpose === 'user' && r.userId && r.userId === p.userId),
    );
    for (const r of mine) matched.add(r.id);
    const label =
      p.purpose === 'user'
        ? (names.users.get(p.userId ?? '') ?? p.userId ?? 'agent')
        : p.purpose === 'routing'
          ? (names.queues.get(p.queueId ?? '') ?? p.queueId ?? 'queue')
          : (p.phoneNumber ?? p.purpose);
    return {
      communicationId: p.communicationId,
      purpose: p.purpose,
      label,
      state: p.state,
      held: p.held,
      open: !p.endTime,
      disconnectType: p.disconnectType,
      wrapupCode: p.wrapupCodeId ? (names.codes.get(p.wrapupCodeId) ?? p.wrapupCodeId) : null,
      left: round(Math.max(0, Math.min(100, ((a - t0) / span) * 100))),
      width: round(Math.max(0.5, Math.min(100, ((b - a) / span) * 100))),
      recordings: mine.map(recordingOf),
    };
  });
  const eventCounts: Record<string, number> = {};
  for (const e of c.events) eventCounts[e.type] = (eventCounts[e.type] ?? 0) + 1;
  return {
    id: c.id,
    interactionId: c.interactionId,
    startTime: c.startTime,
    live,
    durationMs: Math.max(0, t1 - t0),
    eventCounts,
    rows,
    otherRecordings: recordings.filter((r) => !matched.has(r.id)).map(recordingOf),
  };
}

export function consoleView(input: ConsoleInput): ConsoleView {
  const { org, now } = input;
  const names = {
    users: new Map(org.users.map((u) => [u.id, u.displayName])),
    queues: new Map(org.queues.map((q) => [q.id, q.name])),
    codes: new Map(org.wrapupCodes.map((w) => [w.id, w.name])),
  };
  const busy = new Set<string>();
  for (const c of org.conversations)
    for (const p of c.participants) if (p.userId && !p.endTime) busy.add(p.userId);
  const tiles = org.users.map((u) => tileOf(u, busy)).sort(byName);
  const toneById = new Map(tiles.map((t) => [t.id, t.tone]));
  const queues = org.queues
    .map((q): QueueCard => ({
      id: q.id,
      name: q.name,
      peerId: q.peerId,
      members: q.members
        .map((id) => ({
          id,
          name: names.users.get(id) ?? id,
          joined: q.joinedMembers.includes(id),
          tone: toneById.get(id) ?? 'offline',
        }))
        .sort(byName),
      wrapupCodes: q.wrapupCodes.map((id) => names.codes.get(id) ?? id).sort(),
    }))
    .sort(byName);
  const recs = input.recordings ?? [];
  const byConversation = new Map<string, ConsoleRecording[]>();
  for (const r of recs)
    byConversation.set(r.conversationId, [...(byConversation.get(r.conversationId) ?? []), r]);
  const latest = org.conversations.slice(-(input.maxConversations ?? 30)).reverse();
  const conversations = latest.map((c) => timelineOf(c, names, byConversation.get(c.id) ?? [], now));
  return {
    at: new Date(now).toISOString(),
    summary: {
      users: org.users.length,
      activeUsers: org.users.filter((u) => u.active).length,
      onQueue: tiles.filter((t) => ON_QUEUE.has(t.tone)).length,
      queues: org.queues.length,
      wrapupCodes: org.wrapupCodes.length,
      conversations: input.conversationCount ?? org.conversations.length,
      liveConversations: org.conversations.filter((c) => c.participants.some((p) => !p.endTime)).length,
      recordings: input.recordings ? input.recordings.length : null,
      uploads: org.uploads.length,
    },
    tiles,
    queues,
    conversations,
    recordingsAvailable: input.recordings !== null,
    services: input.services,
    controlUrl: input.controlUrl,
  };
}
