import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { InteractionEnd } from './interaction-end.ts';
import { PermanentJobError, type JobEvents, type RecordingJob } from './jobs.ts';
import { memoryJobs, MemoryJobQueue } from './memory-jobs.ts';
import type { ExrpTuning } from './tuning.ts';

const uuid = '00000000-0000-4000-8000-000000000001';
const end = (segmentId: string): InteractionEnd => ({
  segmentId,
  file: `rec/${segmentId}.ogg`,
  mediaType: 'audio/ogg',
  callUuid: 'call-1',
  conversationId: uuid,
  participantId: uuid,
  communicationId: uuid,
  trunk: false,
  startTime: '2026-01-01T00:00:00.000Z',
  endTime: '2026-01-01T00:01:00.000Z',
  masks: [],
});

const dead: string[] = [];
const events: JobEvents = {
  deadLettered: (job) => dead.push(job.segmentId),
  stalled: () => undefined,
  error: (err) => assert.fail(err),
};

// The factory ignores its context (the queue holds its tuning): any context does.
const ctx = {} as Parameters<ReturnType<typeof memoryJobs>>[0];

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const queueOf = (t: Partial<ExrpTuning> = {}) =>
  new MemoryJobQueue({ attempts: 3, backoffMs: 10, keepCompletedSeconds: 60, ...t });

it('queues a segment once while it is queued or kept as completed, again after keepCompleted', async () => {
  const q = queueOf({ keepCompletedSeconds: 1 });
  const a = memoryJobs(q)(ctx);
  const b = memoryJobs(q)(ctx);
  const first = await a.enqueue(end('s1'));
  assert.equal(first.created, true);
  assert.deepEqual(await b.enqueue(end('s1')), { jobId: first.jobId, created: false });
  assert.equal((await a.counts()).waiting, 1);
  a.run(async () => undefined, { concurrency: 1 }, events);
  await until('completion', async () => (await a.counts()).completed === 1);
  assert.equal((await b.enqueue(end('s1'))).created, false);
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal((await b.enqueue(end('s1'))).created, true);
  await a.close();
});

it('retries with exponential backoff, keeping progress, then succeeds', async () => {
  const q = queueOf({ attempts: 4, backoffMs: 20 });
  const jobs = memoryJobs(q)(ctx);
  const seen: { at: number; attemptsMade: number; progress: unknown }[] = [];
  jobs.run(
    async (job: RecordingJob) => {
      seen.push({ at: Date.now(), attemptsMade: job.attemptsMade, progress: job.progress });
      if (job.attemptsMade === 0) await job.saveProgress({ uploadKey: 'k1' });
      if (job.attemptsMade < 2) throw new Error('webdav down');
    },
    { concurrency: 2 },
    events,
  );
  await jobs.enqueue(end('retry'));
  await until('completion', async () => (await jobs.counts()).completed === 1);
  assert.deepEqual(
    seen.map((s) => s.attemptsMade),
    [0, 1, 2],
  );
  assert.deepEqual(seen[1]!.progress, { uploadKey: 'k1' });
  // Backoff 20 ms then 40 ms (timers may fire a little early by rounding, never much).
  assert.ok(seen[1]!.at - seen[0]!.at >= 15, `first delay ${seen[1]!.at - seen[0]!.at}`);
  assert.ok(seen[2]!.at - seen[1]!.at >= 35, `second delay ${seen[2]!.at - seen[1]!.at}`);
  assert.deepEqual(await jobs.failed(10), []);
  await jobs.close();
});

it('moves a permanent failure to the failed list at once, and a job out of attempts after the last', async () => {
  dead.length = 0;
  const q = queueOf({ attempts: 2, backoffMs: 5 });
  const jobs = memoryJobs(q)(ctx);
  const calls = new Map<string, number>();
  jobs.run(
    async (job) => {
      const seg = (job.data as InteractionEnd).segmentId;
      calls.set(seg, (calls.get(seg) ?? 0) + 1);
      if (seg === 'perm') throw new PermanentJobError('HTTP 400 from Genesys Cloud');
      throw new Error('still down');
    },
    { concurrency: 4 },
    events,
  );
  await jobs.enqueue(end('perm'));
  await jobs.enqueue(end('tired'));
  await until('two dead letters', async () => (await jobs.counts()).failed === 2);
  assert.equal(calls.get('perm'), 1);
  assert.equal(calls.get('tired'), 2);
  assert.deepEqual(dead.sort(), ['perm', 'tired']);
  const failed = await jobs.failed(10);
  const perm = failed.find((f) => f.segmentId === 'perm');
  assert.equal(perm?.failedReason, 'HTTP 400 from Genesys Cloud');
  assert.equal(perm?.attempts, 1);
  assert.equal(failed.find((f) => f.segmentId === 'tired')?.attempts, 2);
  assert.equal((await jobs.failed(1)).length, 1);
  // A dead letter is still known: a re-send queues nothing.
  assert.equal((await jobs.enqueue(end('perm'))).created, false);
  await jobs.close();
});

it('shares the jobs between two workers, never running one twice, within each concurrency', async () => {
  const q = queueOf();
  const a = memoryJobs(q)(ctx);
  const b = memoryJobs(q)(ctx);
  const ranBy = new Map<string, string[]>();
  const active = { a: 0, b: 0, maxA: 0, maxB: 0 };
  const worker = (name: 'a' | 'b') => async (job: RecordingJob) => {
    ranBy.set(job.id, [...(ranBy.get(job.id) ?? []), name]);
    active[name]++;
    if (name === 'a') active.maxA = Math.max(active.maxA, active.a);
    else active.maxB = Math.max(active.maxB, active.b);
    await new Promise((r) => setTimeout(r, 5));
    active[name]--;
  };
  a.run(worker('a'), { concurrency: 2 }, events);
  b.run(worker('b'), { concurrency: 3 }, events);
  for (let i = 0; i < 40; i++) await (i % 2 ? a : b).enqueue(end(`seg-${i}`));
  await until('all done', async () => (await a.counts()).completed === 40);
  assert.equal(ranBy.size, 40);
  assert.ok(
    [...ranBy.values()].every((w) => w.length === 1),
    'a job ran twice',
  );
  const by = [...ranBy.values()].flat();
  assert.ok(by.includes('a') && by.includes('b'), `one worker did everything: ${by.join('')}`);
  assert.ok(active.maxA <= 2 && active.maxB <= 3, `concurrency exceeded ${active.maxA}/${active.maxB}`);
  // A closed worker takes nothing more; the other still works the queue.
  await a.close();
  for (let i = 0; i < 5; i++) await a.enqueue(end(`late-${i}`));
  await until('late jobs done', async () => (await b.counts()).completed === 45);
  const late = [...ranBy.entries()].filter(([, w]) => w.length === 1 && ranBy.size === 45);
  assert.equal(late.length, 45);
  const lateIds = new Set(
    (await Promise.all([0, 1, 2, 3, 4].map((i) => b.enqueue(end(`late-${i}`))))).map((r) => r.jobId),
  );
  assert.deepEqual(
    [...lateIds].map((id) => ranBy.get(id)),
    [['b'], ['b'], ['b'], ['b'], ['b']],
  );
  await b.close();
});
