// Recording keys (the org public key) and pre-signed recording upload URLs.
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { badRequest, invalidValue, notFound } from '../errors.ts';
import { isoMs, newId, nowIso } from '../ids.ts';
import { entityListing, pageParams, type Query } from '../paging.ts';
import { checkProperties } from '../properties.ts';
import type { Upload } from '../state.ts';

interface Report {
  id: string;
  dateSince: string;
  uploadStatus?: string;
  /** GETs so far: Completed from the second on. */
  polls: number;
}

/** "must not start with a dot and not end with a forward slash. Whitespace and the following characters
 * are not allowed: \{^}%`]">[~<#|" (UploadUrlRequest.fileName). */
const FILE_NAME_FORBIDDEN = /[\s\\{^}%`\]">[~<#|]/;
const MD5_RE = /^([A-Za-z0-9+/]{22}==|[0-9a-fA-F]{32})$/;

export function uploadSignature(key: Buffer, uploadKey: string, expires: number): string {
  return createHmac('sha256', key).update(`${uploadKey}:${expires}`).digest('base64url');
}

/** Checks an UploadUrlRequest the way the API documents it (fileName is optional). */
export function checkUploadRequest(b: Record<string, unknown>): void {
  checkProperties(b, 'UploadUrlRequest');
  if (b.fileName !== undefined) {
    if (typeof b.fileName !== 'string' || b.fileName.length === 0)
      throw invalidValue('fileName', 'fileName must be a non-empty string');
    if (b.fileName.startsWith('.') || b.fileName.endsWith('/') || FILE_NAME_FORBIDDEN.test(b.fileName))
      throw invalidValue(
        'fileName',
        `fileName "${b.fileName}" must not start with "." or end with "/", and has no whitespace nor any of \\{^}%\`]">[~<#|`,
      );
  }
  if (b.contentMd5 !== undefined && !(typeof b.contentMd5 === 'string' && MD5_RE.test(b.contentMd5)))
    throw invalidValue('contentMd5', 'contentMd5 must be the MD5 of the content (base64 or hex)');
  const t = b.signedUrlTimeoutSeconds;
  if (t !== undefined && !(Number.isInteger(t) && (t as number) >= 1 && (t as number) <= 604800))
    throw invalidValue('signedUrlTimeoutSeconds', 'signedUrlTimeoutSeconds must be from 1 to 604800');
  if (b.serverSideEncryption !== undefined && b.serverSideEncryption !== 'AES256')
    throw invalidValue('serverSideEncryption', 'serverSideEncryption must be AES256');
  if (b.contentType !== undefined && typeof b.contentType !== 'string')
    throw invalidValue('contentType', 'contentType must be a string');
}

export function registerRecordingRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/api/v2/recording/recordingkeys', async (req) => {
    const q = req.query as Query;
    const keys = ctx.org.recordingKeys.map((k) => ({
      id: k.id,
      createDate: k.createDate,
      keydataSummary: k.keydataSummary,
      keyConfigurationType: 'Native',
      selfUri: `/api/v2/recording/recordingkeys/${k.id}`,
    }));
    return entityListing(keys, pageParams(q, 100), '/api/v2/recording/recordingkeys', q);
  });

  // Native keys only: no local (LKM) or KMS key configuration.
  app.get('/api/v2/recording/keyconfigurations', async () => ({
    total: 0,
    entities: [],
    selfUri: '/api/v2/recording/keyconfigurations',
  }));

  // Asynchronous like the real one: the POST answers 202 "Accepted - preparing report" with state
  // InProgress and no signedUrl ("For COMPLETED tasks"); the first GET still finds it InProgress, the
  // next ones Completed with the signedUrl. A client has to poll.
  const reports = new Map<string, Report>();
  const reportView = (r: Report) => ({
    id: r.id,
    name: `recording-uploads-${r.id}`,
    state: r.polls >= 2 ? 'Completed' : 'InProgress',
    ...(r.polls >= 2 ? { signedUrl: `${ctx.baseUrl}/__emulator/upload-reports/${r.id}` } : {}),
    selfUri: `/api/v2/recording/uploads/reports/${r.id}`,
  });
  app.post('/api/v2/recording/uploads/reports', async (req, reply) => {
    const b = (req.body ?? {}) as { dateSince?: unknown; uploadStatus?: unknown };
    checkProperties(b, 'RecordingUploadReportRequest');
    if (Number.isNaN(isoMs(b.dateSince)))
      throw invalidValue('dateSince', 'dateSince must be an ISO-8601 date-time');
    const r: Report = {
      id: newId(),
      dateSince: b.dateSince as string,
      polls: 0,
      ...(typeof b.uploadStatus === 'string' ? { uploadStatus: b.uploadStatus } : {}),
    };
    reports.set(r.id, r);
    return reply.code(202).send(reportView(r));
  });
  app.get('/api/v2/recording/uploads/reports/:id', async (req) => {
    const r = reports.get((req.params as { id: string }).id);
    if (!r) throw notFound('Upload report', (req.params as { id: string }).id);
    r.polls++;
    return reportView(r);
  });
  app.get('/__emulator/upload-reports/:id', async (req) => {
    const r = reports.get((req.params as { id: string }).id);
    if (!r || r.polls < 2) throw notFound('Upload report', (req.params as { id: string }).id);
    const since = isoMs(r.dateSince);
    return [...ctx.org.uploads.values()]
      .filter((u) => Date.parse(u.requestedAt) >= since)
      .map((u) => ({
        uploadKey: u.uploadKey,
        fileName: u.fileName,
        status: u.status ?? (u.uploadedAt ? 'Uploaded' : 'Pending'),
        size: u.size ?? null,
        ...(u.error ? { error: u.error } : {}),
      }))
      .filter((u) => !r.uploadStatus || u.status === r.uploadStatus);
  });

  app.post('/api/v2/uploads/recordings', async (req) => {
    const b = req.body;
    if (typeof b !== 'object' || b === null || Array.isArray(b))
      throw badRequest('The request body must be an UploadUrlRequest object');
    const body = b as Record<string, unknown>;
    checkUploadRequest(body);
    const fileName = typeof body.fileName === 'string' ? body.fileName : 'upload';
    const uploadKey = `recordings/${newId()}/${fileName}`;
    const expires = Date.now() + ((body.signedUrlTimeoutSeconds as number | undefined) ?? 600) * 1000;
    const upload: Upload = {
      uploadKey,
      fileName,
      expiresAt: new Date(expires).toISOString(),
      requestedAt: nowIso(),
    };
    const headers: Record<string, string> = {};
    if (typeof body.contentType === 'string') headers['Content-Type'] = upload.contentType = body.contentType;
    if (typeof body.contentMd5 === 'string') headers['Content-MD5'] = upload.contentMd5 = body.contentMd5;
    if (typeof body.serverSideEncryption === 'string')
      headers['x-amz-server-side-encryption'] = upload.serverSideEncryption = body.serverSideEncryption;
    ctx.org.uploads.set(uploadKey, upload);
    const sig = uploadSignature(ctx.signingKey, uploadKey, expires);
    const url = `${ctx.baseUrl}/upload/${encodeURIComponent(uploadKey)}?expires=${expires}&signature=${sig}`;
    return { url, uploadKey, headers };
  });
}
