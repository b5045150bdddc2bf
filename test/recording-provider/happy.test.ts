// EXRP end to end on real components: an interaction-end for a segment in WebDAV becomes a recording the
// emulator decrypted, byte-equal to the file, linked to its conversation and participant, with its STA
// request; the file is gone from WebDAV; a re-sent request uploads nothing more; names are cut to 80.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postInteractionEnd } from '../../src/services/conversation-provider/recording/clients.ts';
import type { RunningService } from '../../src/services/runtime.ts';
import { oggOpusFile } from './ogg-opus.ts';
import { post, startRig, waitFor, type Rig } from './rig.ts';

describe('EXRP: one recording, start to finish', () => {
  let rig: Rig;
  let exrp: RunningService;
  before(async () => {
    rig = await startRig('exrp_happy', { EXRP_STA_REFRESH_SECONDS: '1' });
    exrp = await rig.startExrp();
  });
  after(async () => rig?.close());

  it('uploads the encrypted recording; the emulator decrypts it byte-equal and links it', async () => {
    const call = await rig.call();
    const audio = oggOpusFile(3, { payloadBytes: 80 });
    await rig.putFile('rec-happy.opus', audio);
    const end = rig.end(call, 'rec-happy.opus');
    const r = await post(exrp.url, end);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await waitFor('the recording', async () => (await rig.recordings()).length === 1);
    const [rec] = await rig.recordings();
    assert.ok(rec);
    assert.equal(rec.conversationId, call.conversationId);
    assert.equal(rec.participantId, call.A);
    assert.equal(rec.communicationId, call.A);
    assert.equal(rec.userId, call.userId);
    assert.equal(rec.fileName, 'rec-happy.opus');
    assert.equal(rec.bytes, audio.length);
    assert.ok((await rig.audio(rec)).equals(audio), 'decrypted audio is byte-equal to the WebDAV file');
    await waitFor('the file deleted from WebDAV', async () => rig.webdav.files().length === 0);
  });

  it('a re-sent interaction-end is accepted and uploads nothing more', async () => {
    const call = await rig.call();
    await rig.putFile('rec-twice.opus', oggOpusFile(1));
    const end = rig.end(call, 'rec-twice.opus');
    const first = await post(exrp.url, end);
    const second = await post(exrp.url, end);
    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    assert.equal((second.body.data as { duplicate: boolean }).duplicate, true);
    await waitFor('the recording', async () =>
      (await rig.recordings()).some((x) => x.conversationId === call.conversationId),
    );
    const third = await post(exrp.url, end);
    assert.equal(third.status, 202);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await rig.recordings()).filter((x) => x.conversationId === call.conversationId).length, 1);
  });

  it('EXCP’s sender carries EXEC_API_TOKEN, which EXRP enforces under /api/', async () => {
    const guarded = await rig.startExrp({ EXEC_API_TOKEN: 'Rec-T0ken-secret' });
    const call = await rig.call();
    await rig.putFile('rec-token.opus', oggOpusFile(1));
    const end = rig.end(call, 'rec-token.opus');
    const bare = await postInteractionEnd(guarded.url, end);
    assert.ok(!bare.ok && bare.retryable && /set the same EXEC_API_TOKEN/.test(bare.message), 'refused');
    const wrong = await postInteractionEnd(guarded.url, end, { apiToken: 'Wr0ng-t0ken-xyz' });
    assert.equal(wrong.ok, false);
    assert.ok(!wrong.ok && !wrong.message.includes('Wr0ng-t0ken-xyz'), 'the token is never in the message');
    assert.deepEqual(await postInteractionEnd(guarded.url, end, { apiToken: 'Rec-T0ken-secret' }), {
      ok: true,
    });
    await waitFor('the recording', async () =>
      (await rig.recordings()).some((x) => x.conversationId === call.conversationId),
    );
    await guarded.stop();
  });

  it('cuts long names to 80 characters, deterministically and without collisions', async () => {
    const call = await rig.call();
    const head = '011AP643CSAPR4FKQGQE31TAES00029V_2015-09-10_16-58-22-006B015F-1000427D-0000000';
    const names = [`${head}1.opus`, `${head}2.opus`];
    for (const n of names) {
      await rig.putFile(n, oggOpusFile(1, { seed: n.length + names.indexOf(n) }));
      assert.equal((await post(exrp.url, rig.end(call, n))).status, 202);
    }
    await waitFor(
      'both recordings',
      async () =>
        (await rig.recordings()).filter((x) => x.conversationId === call.conversationId).length === 2,
    );
    const got = (await rig.recordings())
      .filter((x) => x.conversationId === call.conversationId)
      .map((x) => x.fileName);
    assert.equal(new Set(got).size, 2, 'two names');
    for (const n of got) {
      assert.ok(n.length <= 80, `${n} has ${n.length} characters`);
      assert.ok(n.startsWith(head.slice(0, 50)), n);
    }
  });

  it('carries the STA program and language into the recording', async () => {
    const seeded = await rig.emu.admin('POST', 'seed', {
      programs: [{ name: 'Topics', published: true }],
      transcription: { transcription: 'EnabledGlobally', transcriptionConfidenceThreshold: 50 },
    });
    assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
    const programId = (seeded.body.programs as { id: string }[])[0]?.id as string;
    // EXRP re-reads the STA settings periodically (15 minutes; 1 s here).
    await new Promise((r) => setTimeout(r, 1500));
    const call = await rig.call();
    await rig.putFile('rec-sta.opus', oggOpusFile(1));
    const end = rig.end(call, 'rec-sta.opus', { sta: { programId, language: 'de-DE' } });
    assert.equal((await post(exrp.url, end)).status, 202);
    await waitFor('the recording', async () =>
      (await rig.recordings()).some((x) => x.conversationId === call.conversationId),
    );
    const rec = (await rig.recordings()).find((x) => x.conversationId === call.conversationId);
    assert.equal(rec?.programId, programId);
    assert.equal(rec?.language, 'de-DE');
  });

  it('refuses a request that breaks the contract, naming the field', async () => {
    const call = await rig.call();
    const r = await post(exrp.url, { ...rig.end(call, 'x.opus'), conversationId: 'nope' });
    assert.equal(r.status, 400);
    assert.match(JSON.stringify(r.body), /conversationId/);
  });
});
