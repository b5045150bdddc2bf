// GIR mode end to end: no MCP metadata; after a call ends EXCP asks the GIR RWS simulator for it after
// gir_metadata_fetch_delay, again every gir_metadata_fetch_interval, and gives up after
// gir_metadata_fetch_duration (minutes in the transaction; fractions here keep the test short). The
// schedule is in Redis: both instances restarted right after the calls lose no fetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRwsSimulator, type RwsSimulator } from '../../src/lab/engage/rws/server.ts';
import { recordingSettings } from '../../src/services/conversation-provider/recording/options.ts';
import { until } from '../agent-state-sync/checks.ts';
import { startExcpLab, type ExcpLab } from './lab.ts';
import { recordedSegments, startExrpPeer, type ExrpPeer } from './recording-peers.ts';

const MIN = 60_000;
const DELAY = Number(process.env.EXCP_GIR_TEST_DELAY_MIN ?? 0.006);
const INTERVAL = Number(process.env.EXCP_GIR_TEST_INTERVAL_MIN ?? 0.005);
const DURATION = Number(process.env.EXCP_GIR_TEST_DURATION_MIN ?? 0.08);

describe('EXCP recording, GIR mode: metadata pulled from RWS (delay, retry, give up), durably', () => {
  let lab: ExcpLab;
  let exrp: ExrpPeer;
  let rws: RwsSimulator;

  before(async () => {
    exrp = await startExrpPeer();
    rws = await startRwsSimulator({ ccid: 'cc-1', user: 'opsuser', password: 'ops-secret' });
    const parsed = recordingSettings({
      recording_enabled: 'True',
      sta_default_language: 'en-US',
      gir_orgId: 'cc-1',
      gir_user: 'opsuser',
      gir_password: 'ops-secret',
      gir_metadata_fetch_delay: String(DELAY),
      gir_metadata_fetch_interval: String(INTERVAL),
      gir_metadata_fetch_duration: String(DURATION),
    });
    assert.deepEqual(parsed.problems, []);
    lab = await startExcpLab({
      timeScale: 0.001,
      excp: { recording: { exrpUrl: exrp.url, girHost: rws.url, settings: parsed.settings!, pollMs: 25 } },
    });
    await lab.ready();
  });
  after(async () => {
    await lab?.stop();
    await exrp?.stop();
    await rws?.stop();
  });

  it('fetches after the delay, retries, injects what appears; gives up on what never does; survives a restart', async () => {
    const started = Date.now();
    const found = lab.sim.playScenarioDetailed('answered-caller-hangs-up');
    const never = lab.sim.playScenarioDetailed('answered-agent-hangs-up');
    const [seg] = recordedSegments(found);
    assert.ok(seg);
    await lab.sim.drained();
    await until(
      'both calls over in the org',
      async () =>
        (await lab.conversations()).filter(
          (c) =>
            [found.callUuid, never.callUuid].includes(c.interactionId ?? '') &&
            c.participants.every((p) => p.state === 'disconnected'),
        ).length === 2,
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    // Both instances stop and start again before the first fetch is due: the schedule is in Redis.
    for (const inst of lab.instances) await inst.stop();
    await lab.startInstance(0);
    await lab.startInstance(1);

    // RWS has stored nothing yet when EXCP first asks; it stores the call's recording then.
    await until('the first fetch', () => rws.requests.some((r) => r.callUuid === found.callUuid), {
      timeoutMs: 10_000,
      intervalMs: 10,
    });
    rws.add({
      callUuid: found.callUuid,
      ...(seg.ani ? { ani: seg.ani } : {}),
      ...(seg.dnis ? { dnis: seg.dnis } : {}),
      segments: [
        { startMs: seg.startMs, stopMs: seg.stopMs, agentId: seg.agentId!, recordDn: seg.dn, seq: 1 },
      ],
    });
    await until('the recording reached EXRP', () => exrp.accepted.length > 0, {
      timeoutMs: 15_000,
      intervalMs: 25,
    });
    const got = exrp.accepted[0]!;
    const conv = (await lab.conversations()).find((c) => c.interactionId === found.callUuid)!;
    const user = conv.participants.find((p) => p.purpose === 'user')!;
    assert.equal(got.conversationId, conv.id);
    assert.equal(got.participantId, user.communicationId);
    assert.equal(got.callUuid, found.callUuid);
    assert.match(got.file, new RegExp(`^${found.callUuid}_${seg.dn}_${seg.agentId}_.*-00000001\\.opus$`));
    assert.equal(got.mediaType, 'audio/opus');

    const of = (id: string) => rws.requests.filter((r) => r.callUuid === id);
    const foundReqs = of(found.callUuid);
    assert.ok(foundReqs.length >= 2, `retried (${foundReqs.map((r) => r.status).join(',')})`);
    assert.equal(foundReqs[0]!.status, 404);
    assert.equal(foundReqs.at(-1)!.status, 200);
    assert.ok(foundReqs[0]!.atMs - started >= DELAY * MIN, 'the first fetch waited for the delay');
    for (let i = 1; i < foundReqs.length; i++)
      assert.ok(
        foundReqs[i]!.atMs - foundReqs[i - 1]!.atMs >= INTERVAL * MIN - 30,
        'retries an interval apart',
      );

    // The call RWS never knows: asked until the duration is over, then never again.
    await until(
      'given up',
      async () => {
        const m = await Promise.all(lab.instances.map(async (i) => (await fetch(`${i.url}/metrics`)).text()));
        return m.some((t) => /exec_excp_recording_gir_fetches_total\{result="gave-up"[^}]*\} [1-9]/.test(t));
      },
      { timeoutMs: DURATION * MIN + 10_000, intervalMs: 50 },
    );
    const neverReqs = of(never.callUuid);
    assert.ok(neverReqs.length >= 2, `asked ${neverReqs.length} times`);
    assert.ok(neverReqs.every((r) => r.status === 404));
    assert.ok(neverReqs.at(-1)!.atMs - started <= DURATION * MIN + 2000, 'not after the duration');
    const asked = neverReqs.length;
    await new Promise((r) => setTimeout(r, INTERVAL * MIN * 2));
    assert.equal(of(never.callUuid).length, asked, 'no fetch after giving up');
    assert.ok(
      rws.requests.every((r) => r.status !== 401),
      'Basic auth accepted',
    );
    assert.equal(exrp.accepted.length, 1, 'one segment, sent once');
    assert.deepEqual(exrp.invalid, []);
  });
});
