// What the console shows for a given org: tile tones, queue cards, timelines and where recordings go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRecordings } from './recordings.ts';
import { healthOf } from './health.ts';
import { consoleView, toneOf, type OrgView } from './view.ts';

type U = OrgView['users'][number];
type C = OrgView['conversations'][number];
type P = C['participants'][number];

const user = (
  id: string,
  name: string,
  presence: string | null,
  routing: string | null,
  active = true,
): U => ({
  id,
  userName: `${id}@x`,
  displayName: name,
  externalId: `E${id}`,
  active,
  roles: [],
  division: 'Home',
  skills: [],
  languages: [],
  presence: presence
    ? {
        systemPresence: presence,
        presenceDefinitionId: 'd',
        sourceId: 's',
        message: undefined,
        eventDateTime: '2026-01-01T10:00:00.000Z',
      }
    : null,
  routingStatus: routing ? { status: routing, eventDateTime: '2026-01-01T10:00:05.000Z' } : null,
  version: 1,
});

const part = (p: Partial<P> & Pick<P, 'communicationId' | 'purpose' | 'startTime'>): P => ({
  userId: null,
  queueId: null,
  phoneNumber: null,
  invitedBy: null,
  inbound: null,
  state: p.endTime ? 'disconnected' : 'connected',
  held: false,
  endTime: null,
  disconnectType: null,
  wrapupCodeId: null,
  ...p,
});

const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();

function org(conversations: C[]): OrgView {
  return {
    users: [
      user('u1', 'Zoe Agent', 'OnQueue', 'Interacting'),
      user('u2', 'Adam Agent', 'Available', null),
      user('u3', 'Mia Agent', 'Break', 'OffQueue'),
      user('u4', 'Gone Agent', 'Available', 'Idle', false),
    ],
    skills: [],
    languages: [],
    queues: [
      {
        id: 'q1',
        name: 'Sales-Engage-external',
        description: '',
        peerId: '101',
        enableTranscription: false,
        members: ['u1', 'u3'],
        joinedMembers: ['u1'],
        wrapupCodes: ['w2', 'w1'],
      },
    ],
    wrapupCodes: [
      { id: 'w1', name: 'Sale', description: '' },
      { id: 'w2', name: 'No sale', description: '' },
    ],
    conversations,
    uploads: [],
  } as unknown as OrgView;
}

const answered: C = {
  id: 'c1',
  sourceId: 's',
  interactionId: 'CALL-1',
  startTime: T(0),
  participants: [
    part({
      communicationId: 'k1',
      purpose: 'external',
      phoneNumber: '+15550001',
      startTime: T(0),
      endTime: T(100),
    }),
    part({ communicationId: 'k2', purpose: 'routing', queueId: 'q1', startTime: T(0), endTime: T(20) }),
    part({
      communicationId: 'k3',
      purpose: 'user',
      userId: 'u1',
      startTime: T(20),
      endTime: T(100),
      disconnectType: 'peer',
      wrapupCodeId: 'w1',
    }),
  ],
  events: [
    { type: 'communicationAnsweredEvents' },
    { type: 'communicationAnsweredEvents' },
    { type: 'holdUpdatedEvents' },
  ],
} as unknown as C;

const live: C = {
  id: 'c2',
  sourceId: 's',
  interactionId: 'CALL-2',
  startTime: T(50),
  participants: [
    part({ communicationId: 'k4', purpose: 'ivr', startTime: T(50) }),
    part({ communicationId: 'k5', purpose: 'user', userId: 'u1', startTime: T(60), held: true }),
  ],
  events: [],
} as unknown as C;

const rec = (id: string, conversationId: string, extra: Record<string, unknown>) => ({
  id,
  conversationId,
  fileName: `${id}.opus`,
  bytes: 10,
  startTime: T(20),
  endTime: T(100),
  audioUrl: `/__emulator/recordings/${id}/audio`,
  ...extra,
});

describe('console view', () => {
  it('gives each agent a tone from routing status first, then presence', () => {
    assert.equal(toneOf('OnQueue', 'Interacting'), 'interacting');
    assert.equal(toneOf('OnQueue', 'Communicating'), 'interacting');
    assert.equal(toneOf('OnQueue', 'NotResponding'), 'not-responding');
    assert.equal(toneOf('OnQueue', 'Idle'), 'on-queue');
    assert.equal(toneOf('Available', 'OffQueue'), 'available');
    assert.equal(toneOf('Meal', null), 'away');
    assert.equal(toneOf('Meeting', 'OffQueue'), 'busy');
    assert.equal(toneOf(null, null), 'offline');
    assert.equal(toneOf('Offline', 'OffQueue'), 'offline');
  });

  it('draws tiles by name, inactive users offline, agents in a live conversation on call', () => {
    const v = consoleView({
      org: org([answered, live]),
      recordings: null,
      services: [],
      controlUrl: null,
      now: Date.parse(T(70)),
    });
    assert.deepEqual(
      v.tiles.map((t) => [t.name, t.tone, t.onCall]),
      [
        ['Adam Agent', 'available', false],
        ['Gone Agent', 'offline', false],
        ['Mia Agent', 'away', false],
        ['Zoe Agent', 'interacting', true],
      ],
    );
    const adam = v.tiles[0]!;
    assert.equal(adam.routingStatus, 'no status yet');
    assert.equal(adam.since, '2026-01-01T10:00:00.000Z');
    assert.equal(v.summary.onQueue, 1);
    assert.equal(v.summary.activeUsers, 3);
    assert.equal(v.summary.liveConversations, 1);
  });

  it('shows queues with members (joined or not, with their tone) and wrap-up codes by name', () => {
    const v = consoleView({ org: org([]), recordings: null, services: [], controlUrl: null, now: 0 });
    assert.deepEqual(v.queues[0], {
      id: 'q1',
      name: 'Sales-Engage-external',
      peerId: '101',
      members: [
        { id: 'u3', name: 'Mia Agent', joined: false, tone: 'away' },
        { id: 'u1', name: 'Zoe Agent', joined: true, tone: 'interacting' },
      ],
      wrapupCodes: ['No sale', 'Sale'],
    });
  });

  it('draws the latest conversation first, each participant on the call time axis', () => {
    const v = consoleView({
      org: org([answered, live]),
      recordings: null,
      services: [],
      controlUrl: null,
      now: Date.parse(T(70)),
    });
    assert.deepEqual(
      v.conversations.map((c) => [c.interactionId, c.live, c.durationMs]),
      [
        ['CALL-2', true, 20_000],
        ['CALL-1', false, 100_000],
      ],
    );
    const ended = v.conversations[1]!;
    assert.deepEqual(
      ended.rows.map((r) => [r.purpose, r.label, r.left, r.width, r.wrapupCode, r.disconnectType]),
      [
        ['external', '+15550001', 0, 100, null, null],
        ['routing', 'Sales-Engage-external', 0, 20, null, null],
        ['user', 'Zoe Agent', 20, 80, 'Sale', 'peer'],
      ],
    );
    assert.deepEqual(ended.eventCounts, { communicationAnsweredEvents: 2, holdUpdatedEvents: 1 });
    const running = v.conversations[0]!;
    assert.deepEqual(
      running.rows.map((r) => [r.purpose, r.label, r.open, r.held, r.left, r.width]),
      [
        ['ivr', 'ivr', true, false, 0, 100],
        ['user', 'Zoe Agent', true, true, 50, 50],
      ],
    );
    const capped = consoleView({
      org: org([answered, live]),
      recordings: null,
      services: [],
      controlUrl: null,
      now: 0,
      maxConversations: 1,
    });
    assert.deepEqual(
      capped.conversations.map((c) => c.id),
      ['c2'],
    );
  });

  it('puts each recording beside its segment: by communication, else by agent, else on the conversation', () => {
    const recordings = parseRecordings([
      rec('r1', 'c1', { communicationId: 'k3', language: 'en-US' }),
      rec('r2', 'c1', { userId: 'u1' }),
      rec('r3', 'c1', { communicationId: 'unknown' }),
      rec('r4', 'other', { communicationId: 'k3' }),
      { id: 'broken' },
    ]);
    assert.equal(recordings.length, 4);
    const v = consoleView({ org: org([answered]), recordings, services: [], controlUrl: null, now: 0 });
    const c = v.conversations[0]!;
    assert.deepEqual(
      c.rows.map((r) => r.recordings.map((x) => x.id)),
      [[], [], ['r1', 'r2']],
    );
    assert.equal(c.rows[2]!.recordings[0]!.language, 'en-US');
    assert.deepEqual(
      c.otherRecordings.map((r) => r.id),
      ['r3'],
    );
    assert.equal(v.summary.recordings, 4);
    assert.equal(v.recordingsAvailable, true);
    const none = consoleView({
      org: org([answered]),
      recordings: null,
      services: [],
      controlUrl: null,
      now: 0,
    });
    assert.equal(none.recordingsAvailable, false);
    assert.equal(none.summary.recordings, null);
    assert.deepEqual(
      parseRecordings({ recordings: [rec('r9', 'c1', {})] }).map((r) => r.id),
      ['r9'],
    );
    assert.deepEqual(parseRecordings('nonsense'), []);
  });

  it('reads a /health answer: status from the code, dependencies from the envelope', () => {
    const svc = { name: 'excp-1', url: 'http://127.0.0.1:3650' };
    const h = healthOf(svc, 503, {
      status: { code: 50300 },
      data: {
        status: 'DOWN',
        dependencies: { redis: { status: 'UP' }, sip: { status: 'DOWN', detail: 'no link' } },
      },
    });
    assert.equal(h.status, 'DOWN');
    assert.deepEqual(h.dependencies, [
      { name: 'redis', status: 'UP', detail: null },
      { name: 'sip', status: 'DOWN', detail: 'no link' },
    ]);
    assert.deepEqual(healthOf(svc, 200, 'not json').dependencies, []);
    assert.equal(healthOf(svc, 200, null).status, 'UP');
    assert.equal(healthOf(svc, 500, null).status, 'unknown');
  });
});
