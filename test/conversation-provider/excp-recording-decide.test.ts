// Recording injection's pure parts: which participant a segment belongs to and the STA rules of seed 003
// (a table), and the journal the tracker decorator keeps (times, answer-time language, origination
// queue) on real scenarios of the SIP Server simulator run through the real core.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateScenario, type ScenarioName } from '../../src/lab/engage/sip-server/index.ts';
import * as core from '../../src/services/conversation-provider/core/api.ts';
import { InteractionEndSchema } from '../../src/services/recording-provider/interaction-end.ts';
import { contextOf, type RecContext } from '../../src/services/conversation-provider/recording/context.ts';
import {
  decideSegment,
  type StaOptions,
  type StaSnapshot,
} from '../../src/services/conversation-provider/recording/decide.ts';
import {
  withRecordingJournal,
  type JournaledChain,
} from '../../src/services/conversation-provider/recording/journal.ts';
import type { Segment } from '../../src/services/conversation-provider/recording/metadata.ts';
import { makeWorld, toInput } from './scenario-world.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [EXT, ROUTE, A1, B, A2, P0, P1, P9, UA, UB, Q1, Q2] = [1, 2, 3, 4, 5, 10, 11, 19, 20, 21, 30, 31].map(
  id,
);

/** A call: customer → queue Q1 → agent A (de-DE in user data) → queue Q2 → agent B → direct to A again. */
const ctx: RecContext = {
  chainKey: 'CALL1',
  conversationId: id(99),
  mode: 'live',
  endedMs: 200,
  calls: ['CALL1'],
  comms: [
    { key: 'ext', id: EXT!, purpose: 'external', dn: '+14155550111', startMs: 0 },
    { key: 'q1', id: ROUTE!, purpose: 'routing', queueId: Q1!, startMs: 1, endMs: 12 },
    {
      key: 'a1',
      id: A1!,
      purpose: 'user',
      dn: '6001',
      userId: UA!,
      login: '1001',
      employeeId: 'EMP1',
      originQueueId: Q1!,
      startMs: 10,
      answeredMs: 12,
      endMs: 50,
      ud: { language_code: 'de-DE' },
    },
    {
      key: 'b',
      id: B!,
      purpose: 'user',
      dn: '6002',
      userId: UB!,
      login: '1002',
      employeeId: 'EMP2',
      originQueueId: Q2!,
      startMs: 50,
      answeredMs: 52,
      endMs: 90,
      ud: { language_code: 'german' },
    },
    {
      key: 'a2',
      id: A2!,
      purpose: 'user',
      dn: '6001',
      userId: UA!,
      login: '1001',
      employeeId: 'EMP1',
      startMs: 95,
      answeredMs: 96,
      endMs: 120,
    },
  ],
};

const seg = (over: Partial<Segment>): Segment => ({
  segmentId: 's1',
  file: 'http://webdav/recordings/s1.opus',
  mediaType: 'audio/opus',
  callUuid: 'CALL1',
  startMs: 10,
  stopMs: 50,
  masks: [],
  source: 'mcp',
  ...over,
});

const STA: StaSnapshot = {
  transcription: 'EnabledGlobally',
  defaultProgramId: P0!,
  queuePrograms: { [Q1!]: P1! },
  queueTranscription: { [Q1!]: true, [Q2!]: true },
};
const OPTS: StaOptions = { defaultLanguage: 'en-US', languageKey: 'language_code' };

interface Row {
  name: string;
  seg: Partial<Segment>;
  sta?: Partial<StaSnapshot> | 'unknown';
  opts?: Partial<StaOptions>;
  userOf?: Record<string, string>;
  link: string;
  participant: string;
  trunk?: boolean;
  program?: string;
  language?: string;
  reason: string;
}

const rows: Row[] = [
  {
    name: 'agent by DN, through Q1: its program, the answer-time user-data language',
    seg: { recordDn: '6001', agentId: '1001' },
    link: 'agent',
    participant: A1!,
    program: P1!,
    language: 'de-DE',
    reason: 'queue-program+userdata-language',
  },
  {
    name: 'the same agent later (direct transfer): picked by time, default program and language',
    seg: { recordDn: '6001', startMs: 95, stopMs: 120 },
    link: 'agent',
    participant: A2!,
    program: P0!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'agent by employee id alone, picked by time',
    seg: { agentId: 'EMP1', startMs: 94, stopMs: 121 },
    link: 'agent',
    participant: A2!,
    program: P0!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'agent by the cloud user its agent id maps to',
    seg: { agentId: 'login-x', startMs: 50, stopMs: 90 },
    userOf: { 'login-x': UB! },
    link: 'agent',
    participant: B!,
    program: P0!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'Q2 has no program: the org default; invalid user-data language: the default',
    seg: { recordDn: '6002', startMs: 50, stopMs: 90 },
    link: 'agent',
    participant: B!,
    program: P0!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'transcription off for the org: no STA',
    seg: { recordDn: '6001' },
    sta: { transcription: 'Disabled' },
    link: 'agent',
    participant: A1!,
    reason: 'org-transcription-off',
  },
  {
    name: 'EnabledQueueFlow counts as on',
    seg: { recordDn: '6001' },
    sta: { transcription: 'EnabledQueueFlow' },
    link: 'agent',
    participant: A1!,
    program: P1!,
    language: 'de-DE',
    reason: 'queue-program+userdata-language',
  },
  {
    name: 'transcription off on the origination queue: no STA',
    seg: { recordDn: '6001' },
    sta: { queueTranscription: { [Q1!]: false } },
    link: 'agent',
    participant: A1!,
    reason: 'queue-transcription-off',
  },
  {
    name: 'a queue never read counts as off',
    seg: { recordDn: '6002', startMs: 50, stopMs: 90 },
    sta: { queueTranscription: {} },
    link: 'agent',
    participant: B!,
    reason: 'queue-transcription-off',
  },
  {
    name: 'no program anywhere: no STA',
    seg: { recordDn: '6002', startMs: 50, stopMs: 90 },
    sta: { defaultProgramId: undefined },
    link: 'agent',
    participant: B!,
    reason: 'no-program',
  },
  {
    name: 'no org default program: sta_default_programid',
    seg: { recordDn: '6002', startMs: 50, stopMs: 90 },
    sta: { defaultProgramId: undefined },
    opts: { defaultProgramId: P9! },
    link: 'agent',
    participant: B!,
    program: P9!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'invalid default language: no STA when the default is needed',
    seg: { recordDn: '6001', startMs: 95, stopMs: 120 },
    opts: { defaultLanguage: 'english' },
    link: 'agent',
    participant: A2!,
    reason: 'invalid-default-language',
  },
  {
    name: 'invalid default language: a valid user-data language still serves',
    seg: { recordDn: '6001' },
    opts: { defaultLanguage: 'en_US' },
    link: 'agent',
    participant: A1!,
    program: P1!,
    language: 'de-DE',
    reason: 'queue-program+userdata-language',
  },
  {
    name: 'no language key configured: the default',
    seg: { recordDn: '6001' },
    opts: { languageKey: undefined },
    link: 'agent',
    participant: A1!,
    program: P1!,
    language: 'en-US',
    reason: 'queue-program+default-language',
  },
  {
    name: 'trunk recording: the whole call, first party, org default program, default language',
    seg: { recordDn: '+14155550111', startMs: 0, stopMs: 200 },
    link: 'trunk',
    participant: EXT!,
    trunk: true,
    program: P0!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'trunk recording ignores the queue setting (suppression not applied)',
    seg: { startMs: 0, stopMs: 200 },
    sta: { queueTranscription: {} },
    link: 'trunk',
    participant: EXT!,
    trunk: true,
    program: P0!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'trunk recording with transcription off for the org: no STA',
    seg: { startMs: 0, stopMs: 200 },
    sta: { transcription: 'Disabled' },
    link: 'trunk',
    participant: EXT!,
    trunk: true,
    reason: 'org-transcription-off',
  },
  {
    name: "an agent's recording of a party never injected: the first party",
    seg: { agentId: '1099', recordDn: '6099' },
    link: 'first-party',
    participant: EXT!,
    program: P0!,
    language: 'en-US',
    reason: 'default-program+default-language',
  },
  {
    name: 'settings not read from Genesys Cloud: no STA',
    seg: { recordDn: '6001' },
    sta: 'unknown',
    link: 'agent',
    participant: A1!,
    reason: 'settings-unknown',
  },
];

describe('EXCP recording: the segment and STA rules (seed 003)', () => {
  for (const r of rows) {
    it(r.name, () => {
      const sta = r.sta === 'unknown' ? undefined : { ...STA, ...r.sta };
      const d = decideSegment(ctx, seg(r.seg), sta, { ...OPTS, ...r.opts }, (a) => r.userOf?.[a]);
      assert.ok(d.request, d.skipped);
      assert.equal(d.link, r.link);
      assert.equal(d.sta, r.reason);
      const req = InteractionEndSchema.parse(d.request);
      assert.equal(req.participantId, r.participant);
      assert.equal(req.communicationId, r.participant);
      assert.equal(req.conversationId, ctx.conversationId);
      assert.equal(req.trunk, r.trunk ?? false);
      if (r.program) assert.deepEqual(req.sta, { programId: r.program, language: r.language });
      else assert.equal(req.sta, undefined);
    });
  }

  it('passes the file, times and masks through; a conversation without participants sends nothing', () => {
    const d = decideSegment(
      ctx,
      seg({
        recordDn: '6001',
        masks: [
          { timeMs: 20, type: 'paused' },
          { timeMs: 30, type: 'resume' },
        ],
      }),
      STA,
      OPTS,
    );
    const req = InteractionEndSchema.parse(d.request);
    assert.equal(req.file, 'http://webdav/recordings/s1.opus');
    assert.equal(req.segmentId, 's1');
    assert.equal(req.startTime, '1970-01-01T00:00:00.010Z');
    assert.equal(req.endTime, '1970-01-01T00:00:00.050Z');
    assert.deepEqual(req.masks, [
      { time: '1970-01-01T00:00:00.020Z', type: 'paused' },
      { time: '1970-01-01T00:00:00.030Z', type: 'resume' },
    ]);
    assert.equal(req.userId, UA);
    const none = decideSegment({ ...ctx, comms: [] }, seg({}), STA, OPTS);
    assert.equal(none.request, undefined);
    assert.match(none.skipped ?? '', /no participant/);
  });
});

describe('EXCP recording: the journal on the real tracker', () => {
  const w = makeWorld();

  /** Plays a scenario through the decorated core; `languageAt(i)` puts a language into user data. */
  function run(name: ScenarioName, language?: (ev: Record<string, unknown>) => string | undefined) {
    const r = generateScenario(name, {
      topology: w.topology,
      startUs: 1_780_000_000_000_000,
      timeScale: 1,
      callIndex: 7,
      runTag: 'beef',
    });
    const ended: JournaledChain[] = [];
    const handed = new Set<string>();
    const tracker = withRecordingJournal(core, {
      ended: (c) => ended.push(c),
      handedOff: (k) => handed.has(k),
    });
    const state = tracker.emptyState();
    for (const e of r.events) {
      // User data travels on DN events (call-monitoring events carry none).
      const lang = e.dn !== null ? language?.(e.body) : undefined;
      const body = lang
        ? {
            ...e.body,
            AttributeUserData: { ...(e.body.AttributeUserData as object | undefined), language_code: lang },
          }
        : e.body;
      const input = toInput(w, { ...e, body });
      if (input) tracker.step(state, input, w.dir);
    }
    return { r, ended, handed, state, tracker };
  }

  it('keeps each communication’s times and the language in user data when each agent answered', () => {
    let answered = 0;
    // de-DE up to the first agent's EventEstablished, then fr-FR: each agent keeps the one of its answer.
    const { r, ended, state, handed, tracker } = run('blind-transfer-agent', (b) => {
      const lang = answered === 0 ? 'de-DE' : 'fr-FR';
      if (b.message === 'EventEstablished' && b.AttributeAgentID) answered++;
      return lang;
    });
    assert.equal(ended.length, 1, 'ended once');
    const chain = ended[0]!;
    assert.equal(chain.key, r.callUuid);
    const c = contextOf(chain);
    const users = c.comms.filter((x) => x.purpose === 'user');
    assert.equal(users.length, 2);
    assert.equal(users[0]!.ud?.language_code, 'de-DE');
    assert.equal(users[1]!.ud?.language_code, 'fr-FR');
    const routing = c.comms.find((x) => x.purpose === 'routing');
    assert.ok(routing?.queueId);
    assert.equal(users[0]!.originQueueId, routing.queueId, 'the first agent came through the VQ');
    assert.equal(users[1]!.originQueueId, undefined, 'the second was transferred to directly');
    for (const u of users) {
      assert.ok(u.answeredMs !== undefined && u.endMs !== undefined);
      assert.ok(u.startMs <= u.answeredMs && u.answeredMs <= u.endMs, JSON.stringify(u));
    }
    assert.ok(users[0]!.endMs! <= users[1]!.answeredMs!);
    assert.ok(c.comms[0]!.purpose === 'external');
    // Not handed off yet: the tracker keeps the chain past its grace period; once handed, it may go.
    assert.deepEqual(tracker.expired(state, Date.now() * 10, 0), []);
    handed.add(chain.key);
    assert.deepEqual(tracker.expired(state, Date.now() * 10, 0), [chain.key]);
  });

  it('hands over suspended conversations too, and never calls that are not injected', () => {
    assert.equal(run('conference').ended[0]?.mode, 'suspended');
    for (const name of ['internal', 'no-agent-extension', 'out-of-scope-agent'] as const)
      assert.equal(run(name).ended.length, 0, name);
  });
});
