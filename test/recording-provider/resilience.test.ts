// EXRP under failure, on real components (counts and durations from env, short by default; the long run
// is the bench): Genesys Cloud upload failures and a WebDAV outage, an instance SIGKILLed mid-run, and
// jobs that keep failing landing in the dead-letter list. Every recording is uploaded exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { oggOpusFile } from './ogg-opus.ts';
import { post, startRig, waitFor, type Rig } from './rig.ts';

const COUNT = Number(process.env.EXRP_TEST_RECORDINGS ?? 16);
const OUTAGE_MS = Number(process.env.EXRP_TEST_WEBDAV_OUTAGE_MS ?? 1500);

/** Puts `n` recordings of distinct calls in WebDAV; returns the requests and the audio by conversation. */
async function prepare(rig: Rig, n: number, tag: string) {
  const audio = new Map<string, Buffer>();
  const ends = [];
  for (let i = 0; i < n; i++) {
    const call = await rig.call();
    const bytes = oggOpusFile(1 + (i % 3), { payloadBytes: 60, seed: i + 1 });
    const name = `${tag}-${i}.opus`;
    await rig.putFile(name, bytes);
    audio.set(call.conversationId, bytes);
    ends.push(rig.end(call, name));
  }
  return { audio, ends };
}

async function assertExactlyOnce(rig: Rig, audio: Map<string, Buffer>): Promise<void> {
  await waitFor(
    `${audio.size} recordings`,
    async () => (await rig.recordings()).filter((r) => audio.has(r.conversationId)).length >= audio.size,
    60_000,
  );
  await new Promise((r) => setTimeout(r, 500));
  const recs = (await rig.recordings()).filter((r) => audio.has(r.conversationId));
  const per = new Map<string, number>();
  for (const r of recs) per.set(r.conversationId, (per.get(r.conversationId) ?? 0) + 1);
  assert.deepEqual(
    [...per.values()].filter((n) => n !== 1),
    [],
    'each recording exactly once',
  );
  assert.equal(per.size, audio.size);
  for (const r of recs)
    assert.ok((await rig.audio(r)).equals(audio.get(r.conversationId) as Buffer), r.fileName);
  await waitFor('WebDAV emptied', async () => rig.webdav.files().length === 0);
}

describe('EXRP: upload failures and a WebDAV outage', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig('exrp_faults');
  });
  after(async () => rig?.close());

  it('uploads every recording exactly once through 10% upload failures and a WebDAV outage', async () => {
    const a = await rig.startExrp();
    const b = await rig.startExrp();
    const { audio, ends } = await prepare(rig, COUNT, 'faults');
    const faults = await rig.emu.admin('PUT', 'faults', {
      rules: [
        // At least one fault for certain, whatever the random draws of a short run.
        { path: '/api/v2/uploads/recordings', method: 'POST', errorRate: 1, times: 1 },
        { path: '/api/v2/uploads/recordings', method: 'POST', errorRate: 0.1 },
        { path: '/upload/*', method: 'PUT', errorRate: 0.1 },
        // Taken, then the answer lost: the retry must not make a second recording.
        { path: '/upload/*', method: 'PUT', dropAfterRate: 0.05 },
      ],
    });
    assert.equal(faults.status, 200, JSON.stringify(faults.body));
    const outage = rig.restartWebdav(OUTAGE_MS);
    for (const [i, end] of ends.entries()) {
      const r = await post((i % 2 ? a : b).url, end);
      assert.equal(r.status, 202, JSON.stringify(r.body));
    }
    await outage;
    await assertExactlyOnce(rig, audio);
    const audit = (await rig.emu.admin('GET', 'audit')).body as unknown as {
      requests: { path: string; status: number; fault?: string }[];
    };
    const faulted = audit.requests.filter((r) => r.fault || r.status >= 500);
    assert.ok(faulted.length > 0, 'the faults were met');
    const health = (
      (await (await fetch(`${a.url}/health`)).json()) as {
        data: { dependencies: Record<string, { status: string }> };
      }
    ).data;
    assert.equal(health.dependencies['dead-letter']?.status, 'UP');
    await rig.emu.admin('DELETE', 'faults');
  });
});

describe('EXRP: an instance killed mid-run', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig('exrp_kill', { EXRP_CONCURRENCY: '4' });
  });
  after(async () => rig?.close());

  it('leaves its jobs to the other instance: every recording exactly once', async () => {
    const [a, b] = await Promise.all([rig.spawnExrp(), rig.spawnExrp()]);
    const { audio, ends } = await prepare(rig, COUNT, 'kill');
    // Slow uploads, so that the victim is holding jobs when it dies.
    await rig.emu.admin('PUT', 'faults', { rules: [{ path: '/upload/*', method: 'PUT', latencyMs: 400 }] });
    for (const [i, end] of ends.entries()) assert.equal((await post((i % 2 ? a : b).url, end)).status, 202);
    const inProgress = async () => {
      const m = await (await fetch(`${a.url}/metrics`)).text();
      return Number(/^exec_exrp_jobs_in_progress\{[^}]*\} (\d+)$/m.exec(m)?.[1] ?? 0);
    };
    await waitFor('the victim to be holding jobs', async () => (await inProgress()) > 0);
    a.child.kill('SIGKILL');
    assert.equal(await a.exited, null);
    await rig.emu.admin('DELETE', 'faults');
    await assertExactlyOnce(rig, audio);
    assert.ok(
      b.lines.some((l) => l.includes('job taken over')),
      'the survivor took over the jobs the victim held',
    );
  });
});

describe('EXRP: the dead-letter list', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig('exrp_dead', { EXRP_JOB_ATTEMPTS: '2', EXRP_RETRY_BACKOFF_MS: '50' });
  });
  after(async () => rig?.close());

  it('shows jobs that keep failing in /api/v1/dead-letter, /health and the metrics', async () => {
    const exrp = await rig.startExrp();
    const call = await rig.call();
    // A file that never arrives (retried, then dead-lettered) and a conversation Genesys Cloud does not
    // know (refused: dead-lettered at once).
    const missing = rig.end(call, 'never-written.opus');
    await rig.putFile('orphan.opus', oggOpusFile(1));
    const orphan = rig.end(call, 'orphan.opus', { conversationId: '00000000-0000-4000-8000-000000000001' });
    for (const e of [missing, orphan]) assert.equal((await post(exrp.url, e)).status, 202);
    const dead = async () =>
      (
        (await (await fetch(`${exrp.url}/api/v1/dead-letter`)).json()) as {
          data: { jobs: { segmentId: string; failedReason: string }[] };
        }
      ).data.jobs;
    await waitFor('two dead letters', async () => (await dead()).length === 2);
    const jobs = await dead();
    assert.match(jobs.find((j) => j.segmentId === missing.segmentId)?.failedReason ?? '', /webdav/i);
    assert.match(jobs.find((j) => j.segmentId === orphan.segmentId)?.failedReason ?? '', /does not exist/);
    const health = (
      (await (await fetch(`${exrp.url}/health`)).json()) as {
        data: { status: string; dependencies: Record<string, { status: string; detail?: string }> };
      }
    ).data;
    assert.equal(health.dependencies['dead-letter']?.status, 'DOWN');
    assert.match(health.dependencies['dead-letter']?.detail ?? '', /2 recordings/);
    assert.equal(health.status, 'UP', 'a dead letter does not take the service out of the load balancer');
    const metrics = await (await fetch(`${exrp.url}/metrics`)).text();
    assert.match(metrics, /^exec_exrp_dead_letter_jobs\{[^}]*\} 2$/m);
    assert.match(metrics, /^exec_exrp_dead_lettered_total\{[^}]*\} 2$/m);
    assert.equal((await rig.recordings()).length, 0);
  });
});
