// Whether Genesys Cloud took an upload: an upload status report (POST /api/v2/recording/uploads/reports,
// asynchronous: polled until Completed) since the upload was asked for, looked up by upload key. Used
// after every PUT, and before uploading again after a crash, so a retried job does not upload twice.
// A report costs three API calls of the token's 300 a minute, so the jobs of an instance share them: one
// report round at most every `intervalMs` answers every upload waiting for confirmation (UploadConfirmer).
// The report file's content is not public: we read it as a JSON array of {uploadKey, status, error?}
// (what the emulator serves; docs/recording-format.md).
import { request } from 'undici';
import { z } from 'zod';
import type { CloudClient } from '../../cloud/index.ts';

const reportSchema = z.array(
  z.object({ uploadKey: z.string(), status: z.string(), error: z.string().nullish() }).passthrough(),
);

export type UploadState = { state: 'uploaded' } | { state: 'failed'; error: string } | { state: 'unknown' };

/** One report since `since`: the state of every upload it lists, by upload key. */
export async function uploadStates(cloud: CloudClient, since: string): Promise<Map<string, UploadState>> {
  const report = await cloud.recording.completedUploadReport({ dateSince: since });
  const out = new Map<string, UploadState>();
  if (!report.signedUrl) return out;
  const res = await request(report.signedUrl, { method: 'GET' });
  const text = await res.body.text();
  if (res.statusCode !== 200)
    throw new Error(`upload report ${report.id ?? ''} answered HTTP ${res.statusCode}`);
  const parsed = reportSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`upload report ${report.id ?? ''} is not a list of uploads`);
  for (const u of parsed.data) {
    if (u.status === 'Uploaded') out.set(u.uploadKey, { state: 'uploaded' });
    else if (u.status === 'Failed') out.set(u.uploadKey, { state: 'failed', error: u.error ?? 'failed' });
  }
  return out;
}

interface Waiter {
  uploadKey: string;
  since: string;
  rounds: number;
  resolve(s: UploadState): void;
  reject(err: unknown): void;
}

/** Batches the confirmations of one instance into shared report rounds. */
export class UploadConfirmer {
  private waiting: Waiter[] = [];
  private running: Promise<void> | undefined;
  private lastRound = 0;

  constructor(
    private readonly cloud: CloudClient,
    private readonly opts: { intervalMs: number; maxRounds: number },
  ) {}

  /** The upload's state once a report lists it, or `unknown` after `maxRounds` reports that do not. */
  confirm(uploadKey: string, since: string): Promise<UploadState> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ uploadKey, since, rounds: 0, resolve, reject });
      this.running ??= this.loop().finally(() => (this.running = undefined));
    });
  }

  private async loop(): Promise<void> {
    while (this.waiting.length > 0) {
      const wait = this.lastRound + this.opts.intervalMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const batch = this.waiting;
      this.waiting = [];
      this.lastRound = Date.now();
      const since = batch.map((w) => w.since).sort()[0] as string;
      let states: Map<string, UploadState>;
      try {
        states = await uploadStates(this.cloud, since);
      } catch (err) {
        for (const w of batch) w.reject(err);
        continue;
      }
      for (const w of batch) {
        const s = states.get(w.uploadKey);
        if (s) w.resolve(s);
        else if (++w.rounds >= this.opts.maxRounds) w.resolve({ state: 'unknown' });
        else this.waiting.push(w);
      }
    }
  }
}
