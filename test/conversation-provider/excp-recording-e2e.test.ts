// Recording injection end to end on the EXCP side: SIP Server simulator calls → the EXCP pair (real Redis,
// real core) with MCP's metadata posted for each recorded segment → one interaction-end per segment at a
// test EXRP peer (validated with the shared contract), linked to the participant the emulator shows,
// with the STA program and language the emulator's settings call for. Also: 40402 and 400, a suspended
// call, and a restart of both instances with sends pending.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ScenarioName, ScenarioResult } from '../../src/lab/engage/sip-server/scenarios/index.ts';
import type { InteractionEnd } from '../../src/services/recording-provider/interaction-end.ts';
import { until } from '../agent-state-sync/checks.ts';
import { startExcpLab, type ExcpLab, type OrgConversation } from './lab.ts';
import {
  mcpBody,
  recordedSegments,
  startExrpPeer,
  transcribedOrg,
  type ExrpPeer,
  type RecordedSegment,
} from './recording-peers.ts';

const DEFAULT_LANGUAGE = 'en-US';

describe('EXCP recording injection: simulator → EXCP pair → EXRP peer', () => {
  let lab: ExcpLab;
  let exrp: ExrpPeer;
  let supportProgram: string;
  let defaultProgram: string;
  let supportQueue: string;

  /** Until both instances have read the org's STA settings (the support queue's program, transcription). */
  const staRead = () =>
    until(
      'both instances read the new STA settings',
      () =>
        lab.instances.every(
          (i) =>
            i.excp?.recording?.sta()?.queuePrograms[supportQueue] === supportProgram &&
            i.excp.recording.sta()?.transcription === 'EnabledGlobally' &&
            Object.values(i.excp.recording.sta()?.queueTranscription ?? {}).every(Boolean),
        ),
      { timeoutMs: 10_000, intervalMs: 50 },
    );

  before(async () => {
    exrp = await startExrpPeer();
    lab = await startExcpLab({
      timeScale: 0.001,
      excp: {
        recording: {
          exrpUrl: exrp.url,
          settings: {
            enabled: true,
            sta: { defaultLanguage: DEFAULT_LANGUAGE, languageKey: 'language_code' },
          },
          settleMs: 200,
          pollMs: 50,
          retry: { baseMs: 100, maxMs: 400 },
          // The org is set up below, after the pair started: re-read it at once rather than in 15 min.
          staRefreshMs: 200,
        },
      },
    });
    // The org: transcription on, VQ_Support's queue transcribed and mapped to its own program; the
    // emulator's default program for everything else.
    ({ supportQueue, supportProgram, defaultProgram } = await transcribedOrg(lab));
    await staRead();
    await lab.ready();
  });
  after(async () => {
    await lab?.stop();
    await exrp?.stop();
  });

  const post = async (body?: unknown, i = 0) => {
    const r = await fetch(`${lab.instances[i]!.url}/api/v1/recording`, {
      method: 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return {
      status: r.status,
      body: (await r.json()) as { status: { code: number; message: string; corrId: string } },
    };
  };

  /** Plays a call, waits for it to be over in EXCP, posts MCP's metadata for its segments (alternating instances). */
  async function record(
    name: ScenarioName,
    o: { trunk?: boolean } = {},
  ): Promise<{ r: ScenarioResult; segs: RecordedSegment[]; conv: OrgConversation }> {
    const r = lab.sim.playScenarioDetailed(name);
    const segs = recordedSegments(r, o);
    assert.ok(segs.length > 0, `${name} records something`);
    await lab.settled();
    await until('the call is known to EXCP', async () => (await post(mcpBody(segs[0]!))).status === 202, {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    for (const [i, s] of segs.entries()) {
      const res = await post(mcpBody(s), i % 2);
      assert.equal(res.status, 202, JSON.stringify(res.body));
    }
    // The call is over in the org: every participant disconnected (the links may still have been
    // delivering when the pair looked idle).
    let conv: OrgConversation | undefined;
    await until(
      `${name}: the conversation is over in the org`,
      async () => {
        conv = (await lab.conversations()).find((c) => c.interactionId === r.callUuid);
        return conv !== undefined && conv.participants.every((p) => p.state === 'disconnected');
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    return { r, segs, conv: conv! };
  }

  const sentFor = (segs: RecordedSegment[]) =>
    segs.map((s) => exrp.accepted.filter((a) => a.segmentId === s.mediaId));
  async function delivered(segs: RecordedSegment[]): Promise<InteractionEnd[]> {
    await until('every segment reached EXRP', () => sentFor(segs).every((x) => x.length > 0), {
      timeoutMs: 15_000,
      intervalMs: 50,
    });
    return sentFor(segs).map((x) => x[0]!);
  }

  /** VQ_Support's queue has its own program; every other queue the org default. */
  const programOf = (conv: OrgConversation) => {
    const q = conv.participants.find((p) => p.purpose === 'routing')?.queueId;
    assert.ok(q, 'the call went through a queue');
    return q === supportQueue ? supportProgram : defaultProgram;
  };

  const userOfAgent = (agentId: string | undefined) =>
    lab.mappings.users.find((u) => u.agentLogins.some((l) => l.code === agentId))?.cloudId;

  it('answers 404 40402 for an empty body or an unknown call, 400 naming the field for bad metadata', async () => {
    const empty = await post();
    assert.equal(empty.status, 404);
    assert.deepEqual([empty.body.status.code, empty.body.status.message], [40402, 'CallUUID not found']);
    assert.match(empty.body.status.corrId, /^[0-9a-f-]{36}$/);
    const seg: RecordedSegment = {
      callUuid: 'NEVER0SEEN',
      dn: '1',
      startMs: 1,
      stopMs: 2,
      mediaId: 'x.opus',
    };
    const unknown = await post(mcpBody(seg));
    assert.deepEqual([unknown.status, unknown.body.status.code], [404, 40402]);
    const { r } = await record('answered-agent-hangs-up');
    const bad = mcpBody({ ...seg, callUuid: r.callUuid }) as { mediaFiles: Record<string, unknown>[] };
    bad.mediaFiles[0]!.startTime = 'noon';
    const refused = await post(bad);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.status.code, 40002);
    assert.match(refused.body.status.message, /mediaFiles\.0\.startTime: is not an ISO-8601 time/);
  });

  it('one request per segment, linked to the agent participant, with the queue program and default language; trunk → first party', async () => {
    const { segs, conv } = await record('answered-caller-hangs-up', { trunk: true });
    const got = await delivered(segs);
    const agentSeg = segs.findIndex((s) => s.agentId);
    const trunkSeg = segs.findIndex((s) => !s.agentId);
    const user = conv.participants.find((p) => p.purpose === 'user');
    assert.ok(user);
    const a = got[agentSeg]!;
    assert.equal(a.conversationId, conv.id);
    assert.equal(a.participantId, user.communicationId);
    assert.equal(a.communicationId, user.communicationId);
    assert.equal(a.userId, userOfAgent(segs[agentSeg]!.agentId));
    assert.equal(a.trunk, false);
    assert.equal(a.file, `http://webdav.test:8088/recordings/${segs[agentSeg]!.mediaId}`);
    assert.equal(a.startTime, new Date(segs[agentSeg]!.startMs).toISOString());
    assert.deepEqual(a.sta, { programId: programOf(conv), language: DEFAULT_LANGUAGE });
    const t = got[trunkSeg]!;
    assert.equal(t.trunk, true);
    assert.equal(t.participantId, conv.participants[0]!.communicationId);
    assert.equal(conv.participants[0]!.purpose, 'external');
    assert.deepEqual(t.sta, { programId: defaultProgram, language: DEFAULT_LANGUAGE });
  });

  it('a transferred call: each agent segment to its own participant; the direct transfer takes the default program', async () => {
    const { segs, conv } = await record('blind-transfer-agent');
    const got = await delivered(segs);
    assert.equal(segs.length, 2);
    const users = conv.participants.filter((p) => p.purpose === 'user');
    for (const [i, s] of segs.entries()) {
      const p = users.find((u) => u.userId === userOfAgent(s.agentId));
      assert.ok(p, `participant of agent ${s.agentId}`);
      assert.equal(got[i]!.participantId, p.communicationId);
    }
    assert.equal(got[0]!.sta?.programId, programOf(conv), 'the first agent came through a queue');
    assert.equal(got[1]!.sta?.programId, defaultProgram, 'the second was transferred to directly');
  });

  it("consults, multi-site legs, outbound: each agent segment goes to that agent's participant", async () => {
    for (const name of [
      'consult-transfer-agent',
      'consult-cancel',
      'multisite-routed',
      'multisite-transfer',
      'agent-outbound',
    ] as const) {
      const { segs, conv } = await record(name);
      const got = await delivered(segs);
      for (const [i, s] of segs.entries()) {
        const mine = conv.participants.filter(
          (u) => u.purpose === 'user' && u.userId === userOfAgent(s.agentId),
        );
        assert.ok(mine.length, `${name}: agent ${s.agentId} has a participant`);
        assert.ok(
          mine.some((p) => p.communicationId === got[i]!.participantId),
          `${name}: segment of ${s.dn} linked to ${got[i]!.participantId}`,
        );
        assert.equal(got[i]!.conversationId, conv.id);
        assert.equal(got[i]!.userId, userOfAgent(s.agentId));
      }
    }
  });

  it('suspended calls: every segment injected; a party never injected goes to the first party', async () => {
    let toFirst = 0;
    for (const name of ['conference', 'supervision', 'nested-consult'] as const) {
      const { segs, conv } = await record(name);
      const got = await delivered(segs);
      for (const [i, s] of segs.entries()) {
        const p = conv.participants.find((u) => u.purpose === 'user' && u.userId === userOfAgent(s.agentId));
        if (p) assert.equal(got[i]!.participantId, p.communicationId, `${name}: ${s.dn}`);
        else {
          toFirst++;
          assert.equal(got[i]!.participantId, conv.participants[0]!.communicationId, `${name}: ${s.dn}`);
          assert.equal(got[i]!.trunk, false);
        }
      }
    }
    assert.ok(toFirst >= 1, 'at least one recorded party was never injected');
  });

  it('survives a restart of both instances with sends pending: each segment accepted exactly once', async () => {
    exrp.down = true;
    const before = exrp.accepted.length;
    const { segs } = await record('hold-retrieve');
    await until('EXCP tried and failed', () => exrp.refusedWhileDown > 0, {
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    for (const inst of lab.instances) await inst.stop();
    exrp.down = false;
    await lab.startInstance(0);
    await lab.startInstance(1);
    await delivered(segs);
    // A little longer: nothing more arrives for them.
    await staRead();
    for (const [i, got] of sentFor(segs).entries())
      assert.equal(got.length, 1, `segment ${segs[i]!.mediaId} accepted once`);
    assert.ok(exrp.accepted.length > before);
    assert.deepEqual(exrp.invalid, []);
  });

  it('every request EXRP saw passed the shared contract, and no segment was accepted twice', () => {
    assert.deepEqual(exrp.invalid, []);
    const ids = exrp.accepted.map((a) => a.segmentId);
    assert.equal(new Set(ids).size, ids.length);
  });
});
