// An org with one source, queue, user, skill and wrap-up code, and builders of valid voice events, for the
// tests of the Events API rules and the benchmark.
import { randomUUID } from 'node:crypto';
import { newId, nowIso } from '../ids.ts';
import { createOrg, createRecordingKey } from '../seed.ts';
import type { Org } from '../state.ts';

let sharedKey: ReturnType<typeof createRecordingKey> | undefined;

export interface Fixture {
  org: Org;
  sourceId: string;
  queueId: string;
  userId: string;
  skillId: string;
  wrapupCodeId: string;
}

export function fixtureOrg(): Fixture {
  sharedKey ??= createRecordingKey();
  const org = createOrg(sharedKey);
  const now = nowIso();
  const sourceId = newId();
  org.sources.set(sourceId, { id: sourceId, name: 'Engage', type: 'User', deactivated: false });
  const skillId = newId();
  org.skills.set(skillId, { id: skillId, name: 'Sales', dateModified: now, version: 1 });
  const wrapupCodeId = newId();
  org.wrapupCodes.set(wrapupCodeId, {
    id: wrapupCodeId,
    name: 'Sold',
    divisionId: [...org.divisions.keys()][0] as string,
    dateCreated: now,
    dateModified: now,
  });
  const queueId = newId();
  org.queues.set(queueId, {
    id: queueId,
    name: 'VQ_Sales',
    description: '',
    divisionId: [...org.divisions.keys()][0] as string,
    enableTranscription: false,
    members: new Map(),
    wrapupCodeIds: new Set([wrapupCodeId]),
    dateCreated: now,
    dateModified: now,
    extra: {},
  });
  const userId = newId();
  org.users.set(userId, {
    id: userId,
    userName: 'agent1@example.com',
    displayName: 'Agent One',
    externalId: '101',
    active: true,
    divisionId: [...org.divisions.keys()][0] as string,
    roleIds: [],
    skills: new Map(),
    languages: new Map(),
    externalIds: [],
    emails: [],
    phoneNumbers: [],
    version: 1,
    dateCreated: now,
    lastModified: now,
    presence: null,
    routingStatus: null,
  });
  return { org, sourceId, queueId, userId, skillId, wrapupCodeId };
}

export type Batch = Record<string, Record<string, unknown>[]>;

/** The conversation and its customer (C), queue (Q) and agent (A) communication ids. */
export interface CallIds {
  conversationId: string;
  C: string;
  Q: string;
  A: string;
}

/** One answered inbound call, 10 events: customer, queue, agent ring/answer, hold/retrieve, hang-up, wrap-up. */
export function answeredCall(
  f: Pick<Fixture, 'sourceId' | 'queueId' | 'userId' | 'wrapupCodeId'>,
  t0 = Date.now(),
): { batch: Batch; ids: CallIds } {
  const conversationId = randomUUID();
  const C = randomUUID();
  const Q = randomUUID();
  const A = randomUUID();
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const base = (s: number) => ({ eventId: randomUUID(), eventDateTime: at(s), conversationId });
  const src = { sourceId: f.sourceId, interactionId: `call-${conversationId.slice(0, 8)}` };
  const batch: Batch = {
    externalEstablishedEvents: [
      {
        ...base(0),
        communicationId: C,
        ani: '+15551230000',
        initialConfiguration: { inbound: true, alerting: false },
        sourceConfiguration: src,
      },
    ],
    routingEstablishedEvents: [
      {
        ...base(1),
        communicationId: Q,
        queueId: f.queueId,
        initialConfiguration: { inbound: true, invitedBy: C },
        sourceConfiguration: src,
      },
    ],
    userEstablishedEvents: [
      {
        ...base(5),
        communicationId: A,
        userId: f.userId,
        afterCallWorkRequired: true,
        initialConfiguration: { alerting: true, invitedBy: Q },
        sourceConfiguration: src,
      },
    ],
    communicationAnsweredEvents: [{ ...base(8), communicationId: A }],
    holdUpdatedEvents: [
      { ...base(20), communicationId: A, held: true },
      { ...base(30), communicationId: A, held: false },
    ],
    communicationEndedEvents: [
      { ...base(8), communicationId: Q, disconnectType: 'Transfer' },
      { ...base(60), communicationId: C, disconnectType: 'Self' },
      { ...base(60), communicationId: A, disconnectType: 'Peer' },
    ],
    communicationDispositionAppliedEvents: [{ ...base(75), communicationId: A, code: f.wrapupCodeId }],
  };
  return { batch, ids: { conversationId, C, Q, A } };
}
