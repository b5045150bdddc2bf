// One recording, start to finish (seed 003, "How recording injection works" 6-10): stream the file from
// WebDAV through the envelope encryption into the zip (a temporary file, its MD5 computed on the way),
// ask for a pre-signed URL with that MD5, PUT the archive with the returned headers, confirm through the
// upload report, then delete the file from WebDAV. What has been done is saved on the job, so an attempt
// after a crash (another instance) confirms an upload it may have made instead of making a second one.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isCloudApiError, type CloudClient } from '../../cloud/index.ts';
import type { Logger } from '../../core/logger.ts';
import { recordingNames, writeArchive, type RecordingMetadata, type RecordingNames } from './format/index.ts';
import type { InteractionEnd } from './interaction-end.ts';
import type { ExrpMetrics } from './metrics.ts';
import type { OrgCache } from './org-cache.ts';
import { effectiveSta } from './sta.ts';
import type { UploadConfirmer } from './upload-check.ts';
import type { RecordingStorage } from './webdav-source.ts';

export interface InjectDeps {
  cloud: CloudClient;
  storage: RecordingStorage;
  org: OrgCache;
  /** Where archives are written while they are uploaded. */
  workDir: string;
  logger: Logger;
  metrics: ExrpMetrics;
  confirmer: UploadConfirmer;
}

/** What is saved on the job between attempts. */
export interface JobProgress {
  uploadKey?: string;
  requestedAt?: string;
  uploaded?: boolean;
}

export interface JobHandle {
  data: InteractionEnd;
  progress: JobProgress;
  save(p: JobProgress): Promise<void>;
}

export type Stage = 'webdav' | 'key' | 'archive' | 'upload-url' | 'upload' | 'confirm' | 'delete';

/** A failure no retry will cure (a 4xx from Genesys Cloud, an archive it refused): dead-lettered at once. */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}

export class StageFailure extends Error {
  override readonly name = 'StageFailure';
  constructor(
    readonly stage: Stage,
    override readonly cause: unknown,
    readonly permanent: boolean,
  ) {
    super(`${stage}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

async function stage<T>(d: Pick<InjectDeps, 'metrics'>, name: Stage, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    const out = await fn();
    d.metrics.stageSeconds.observe({ stage: name }, (performance.now() - t0) / 1000);
    return out;
  } catch (err) {
    if (err instanceof StageFailure) throw err;
    const permanent =
      err instanceof PermanentFailure ||
      (isCloudApiError(err) && !err.retryable && err.status !== 401 && err.status !== 403);
    throw new StageFailure(name, err, permanent);
  }
}

export function buildMetadata(
  end: InteractionEnd,
  names: RecordingNames,
  sta: InteractionEnd['sta'],
): Omit<RecordingMetadata, 'encryption' | 'audio'> {
  return {
    version: 1,
    conversationId: end.conversationId,
    participantId: end.participantId,
    communicationId: end.communicationId,
    ...(end.userId ? { userId: end.userId } : {}),
    fileName: names.recording,
    originalFileName: end.file,
    mediaType: end.mediaType,
    audioEntry: names.audioEntry,
    startTime: end.startTime,
    endTime: end.endTime,
    trunk: end.trunk,
    masks: end.masks,
    ...(sta ? { sta } : {}),
  };
}

async function uploadOnce(job: JobHandle, d: InjectDeps, names: RecordingNames): Promise<void> {
  const end = job.data;
  const key = await stage(d, 'key', () => d.org.currentKey());
  const { sta, note } = effectiveSta(end.sta, await d.org.staSnapshot());
  if (note) d.logger.info({ segmentId: end.segmentId }, `exrp: ${note}`);
  const path = join(d.workDir, `${randomUUID()}.zip`);
  try {
    const audio = await stage(d, 'webdav', () => d.storage.open(end.file));
    const archive = await stage(d, 'archive', () =>
      writeArchive({
        audio,
        audioEntry: names.audioEntry,
        keyId: key.id,
        publicKey: key.publicKey,
        path,
        metadata: (encryption, plain) => ({ ...buildMetadata(end, names, sta), encryption, audio: plain }),
      }),
    );
    const requestedAt = new Date(Date.now() - 1000).toISOString();
    const target = await stage(d, 'upload-url', () =>
      d.cloud.recording.uploadUrl({
        fileName: names.archive,
        contentMd5: archive.md5Base64,
        contentType: 'application/zip',
        signedUrlTimeoutSeconds: 3600,
      }),
    );
    if (!target.url || !target.uploadKey)
      throw new StageFailure('upload-url', new Error('no url or uploadKey'), false);
    await job.save({ uploadKey: target.uploadKey, requestedAt });
    await stage(d, 'upload', () =>
      d.cloud.recording.upload(
        { ...target, headers: { ...(target.headers ?? {}), 'Content-Length': String(archive.bytes) } },
        () => createReadStream(path),
      ),
    );
    d.metrics.archiveBytes.observe(archive.bytes);
  } finally {
    await rm(path, { force: true });
  }
}

/** Confirms the upload saved on the job; true when Genesys Cloud has it. */
async function confirmed(job: JobHandle, d: InjectDeps): Promise<boolean> {
  const { uploadKey, requestedAt } = job.progress;
  if (!uploadKey || !requestedAt) return false;
  const s = await stage(d, 'confirm', () => d.confirmer.confirm(uploadKey, requestedAt));
  if (s.state === 'failed')
    throw new StageFailure(
      'confirm',
      new PermanentFailure(`Genesys Cloud refused upload ${uploadKey}: ${s.error}`),
      true,
    );
  return s.state === 'uploaded';
}

/** Runs one attempt; resolves when the recording is in Genesys Cloud and gone from WebDAV. */
export async function injectRecording(job: JobHandle, d: InjectDeps): Promise<{ uploadedNow: boolean }> {
  const names = recordingNames(job.data.file);
  let uploadedNow = false;
  if (!job.progress.uploaded) {
    // A previous attempt may have uploaded and died before saying so: ask before uploading again.
    if (!(await confirmed(job, d))) {
      await uploadOnce(job, d, names);
      if (!(await confirmed(job, d)))
        throw new StageFailure('confirm', new Error('the upload is not in the upload report yet'), false);
      uploadedNow = true;
    }
    await job.save({ ...job.progress, uploaded: true });
  }
  await stage(d, 'delete', () => d.storage.remove(job.data.file));
  return { uploadedNow };
}
