// Recordings: the org's public key (the recording provider encrypts with it), pre-signed upload URLs and
// the upload itself, and upload status reports.
import type { Readable } from 'node:stream';
import type { Models } from 'purecloud-platform-client-v2';
import { backoffDelay, sleep } from '../backoff.ts';
import { CloudApiError } from '../errors.ts';
import { collect, pageNumberPages } from '../paging.ts';
import { seg, type AreaContext } from './context.ts';

const area = 'recording';

export function recordingArea(ctx: AreaContext) {
  const t = ctx.transport;
  const api = {
    recordingKeys(): AsyncGenerator<Models.EncryptionKey> {
      return pageNumberPages((pageNumber, pageSize) =>
        t.call<Models.EncryptionKeyEntityListing>({
          area,
          method: 'GET',
          path: '/api/v2/recording/recordingkeys',
          query: { pageNumber, pageSize },
        }),
      );
    },
    listRecordingKeys(): Promise<Models.EncryptionKey[]> {
      return collect(api.recordingKeys());
    },
    /** The newest key that has a public half (`keydataSummary`: base64 DER), or undefined. */
    async currentKey(): Promise<Models.EncryptionKey | undefined> {
      const keys = (await api.listRecordingKeys()).filter((k) => k.keydataSummary);
      return keys.sort((a, b) => (b.createDate ?? '').localeCompare(a.createDate ?? ''))[0];
    },
    keyConfigurations(): Promise<Models.RecordingEncryptionConfigurationListing> {
      return t.call({ area, method: 'GET', path: '/api/v2/recording/keyconfigurations' });
    },
    /** A pre-signed upload URL. Asking twice only yields two URLs, so the request is repeatable. */
    uploadUrl(body: Models.UploadUrlRequest): Promise<Models.UploadUrlResponse> {
      return t.call({ area, method: 'POST', path: '/api/v2/uploads/recordings', body, idempotent: true });
    },
    /** PUTs the file to the pre-signed URL with the headers the API returned; resolves with the HTTP status. */
    upload(
      target: Models.UploadUrlResponse,
      body: Buffer | Uint8Array | string | (() => Readable),
      signal?: AbortSignal,
    ): Promise<number> {
      if (!target.url) throw new TypeError('upload target has no url');
      return t.upload(target.url, target.headers ?? {}, body, signal);
    },
    createUploadReport(body: Models.RecordingUploadReportRequest): Promise<Models.RecordingUploadReport> {
      return t.call({
        area,
        method: 'POST',
        path: '/api/v2/recording/uploads/reports',
        body,
        idempotent: true,
      });
    },
    getUploadReport(id: string): Promise<Models.RecordingUploadReport> {
      return t.call({ area, method: 'GET', path: `/api/v2/recording/uploads/reports/${seg(id)}` });
    },
    /**
     * Asks for a report and polls it until it is `Completed` (with its `signedUrl`): the API prepares it
     * asynchronously (202, `InProgress`). A `Failed` report, or none after `maxPolls`, rejects.
     */
    async completedUploadReport(
      body: Models.RecordingUploadReportRequest,
      o: { maxPolls?: number; signal?: AbortSignal } = {},
    ): Promise<Models.RecordingUploadReport> {
      let report = await api.createUploadReport(body);
      const maxPolls = o.maxPolls ?? 20;
      for (let poll = 1; report.state !== 'Completed'; poll++) {
        if (report.state === 'Failed' || poll > maxPolls || !report.id)
          throw new CloudApiError({
            status: 200,
            code: 'report.not.completed',
            message: `upload report ${report.id ?? '?'} is ${report.state ?? 'unknown'} after ${poll - 1} polls`,
            retryable: report.state !== 'Failed',
            method: 'GET',
            path: '/api/v2/recording/uploads/reports',
          });
        await sleep(backoffDelay(poll, ctx.backoff), o.signal);
        report = await api.getUploadReport(report.id);
      }
      return report;
    },
  };
  return api;
}

export type RecordingApi = ReturnType<typeof recordingArea>;
