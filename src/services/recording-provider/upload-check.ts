// Whether Genesys Cloud took an upload: an upload status report (POST /api/v2/recording/uploads/reports,
// asynchronous: polled until Completed) since the upload was asked for, looked up by upload key. Used
// after every PUT, and before uploading again after a crash, so a retried job does not upload twice.
// The report file's content is not public: we read it as a JSON array of {uploadKey, status, error?}
// (what the emulator serves; docs/recording-format.md).
import { request } from 'undici';
import { z } from 'zod';
import type { CloudClient } from '../../cloud/index.ts';

const reportSchema = z.array(
  z.object({ uploadKey: z.string(), status: z.string(), error: z.string().nullish() }).passthrough(),
);

export type UploadState = { state: 'uploaded' } | { state: 'failed'; error: string } | { state: 'unknown' };

export async function uploadState(
  cloud: CloudClient,
  uploadKey: string,
  since: string,
): Promise<UploadState> {
  const report = await cloud.recording.completedUploadReport({ dateSince: since });
  if (!report.signedUrl) return { state: 'unknown' };
  const res = await request(report.signedUrl, { method: 'GET' });
  const text = await res.body.text();
  if (res.statusCode !== 200)
    throw new Error(`upload report ${report.id ?? ''} answered HTTP ${res.statusCode}`);
  const parsed = reportSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`upload report ${report.id ?? ''} is not a list of uploads`);
  const entry = parsed.data.find((u) => u.uploadKey === uploadKey);
  if (!entry) return { state: 'unknown' };
  if (entry.status === 'Uploaded') return { state: 'uploaded' };
  if (entry.status === 'Failed') return { state: 'failed', error: entry.error ?? 'failed' };
  return { state: 'unknown' };
}
