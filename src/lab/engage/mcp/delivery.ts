// The I/O of one finished segment, as MCP does it: HTTP PUT of the Opus file to `recdest2` (Basic auth
// from `httpauthorization2`), and once WebDAV answered 2xx, HTTP POST of the metadata to `callrec_dest`.
// Each step is retried with exponential back-off; a segment that still fails is written, file and JSON,
// to `irrecoverablerecordpostdir` (seed 003 "Limitations"; reference §1 "Retries and dead letters").
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import {
  recordingFileName,
  recordingMetadata,
  type MetadataContext,
  type RecordingMetadata,
} from './metadata.ts';
import { buildOpusFile } from './opus-file.ts';
import type { FinishedSegment } from './segments.ts';

export interface RetryPolicy {
  /** Tries after the first one, per step. */
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** Per request. */
  timeoutMs: number;
}

export interface AudioOptions {
  channels: 1 | 2;
  /** The file plays the segment's length, kept within these bounds (fast lab calls last milliseconds). */
  minMs: number;
  maxMs: number;
  packetBytes: number;
}

export interface DeliveryOptions {
  /** `recordingclient.recdest2`: the WebDAV folder URL, ending with `/`. */
  recdest: string;
  /** `recordingclient.httpauthorization2`: `user:password`, sent as HTTP Basic. */
  httpAuthorization?: string;
  /** `recordingclient.callrec_dest`: where the metadata is posted (EXCP, or the load balancer before it). */
  callrecDest: string;
  /** `msml.record.irrecoverablerecordpostdir`; without it a failed segment is only logged. */
  irrecoverableDir?: string;
  retry: RetryPolicy;
  audio: AudioOptions;
  metadata: MetadataContext;
  logger: Logger;
}

export interface DeliveryResult {
  segment: FinishedSegment;
  fileName: string;
  url: string;
  size: number;
  outcome: 'delivered' | 'irrecoverable';
  /** The step that failed, for an irrecoverable segment. */
  failedStep?: 'put' | 'post';
  putStatus?: number;
  postStatus?: number;
  /** EXCP's answer to the last POST (its envelope), when it was JSON. */
  postAnswer?: unknown;
  attempts: { put: number; post: number };
  error?: string;
  metadata: RecordingMetadata;
}

interface StepOutcome {
  ok: boolean;
  attempts: number;
  status?: number;
  answer?: unknown;
  error?: string;
}

/** Runs `request` until it answers 2xx, at most 1 + retries times, backing off between tries. */
async function withRetries(
  policy: RetryPolicy,
  request: (signal: AbortSignal) => Promise<Response>,
): Promise<StepOutcome> {
  let last: StepOutcome = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= policy.retries + 1; attempt++) {
    try {
      const res = await request(AbortSignal.timeout(policy.timeoutMs));
      const text = await res.text();
      let answer: unknown = text || undefined;
      try {
        answer = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      last = {
        ok: res.ok,
        attempts: attempt,
        status: res.status,
        answer,
        ...(res.ok ? {} : { error: `HTTP ${res.status}` }),
      };
    } catch (err) {
      last = { ok: false, attempts: attempt, error: errorMessage(err) };
    }
    if (last.ok) return last;
    if (attempt <= policy.retries)
      await sleep(Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1)));
  }
  return last;
}

const basic = (userPass: string): string => `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;

/** Accepts a Voice Platform profile value as configured (`fixed,<value>`) or the bare value. */
export function profileValue(v: string): string {
  return v.startsWith('fixed,') ? v.slice('fixed,'.length) : v;
}

export function audioLengthMs(s: FinishedSegment, audio: AudioOptions): number {
  return Math.min(audio.maxMs, Math.max(audio.minMs, Math.round((s.stopUs - s.startUs) / 1000)));
}

export async function deliverSegment(s: FinishedSegment, o: DeliveryOptions): Promise<DeliveryResult> {
  const fileName = recordingFileName(s);
  const base = o.recdest.endsWith('/') ? o.recdest : `${o.recdest}/`;
  const url = new URL(encodeURIComponent(fileName), base).toString();
  const file = buildOpusFile({
    durationMs: audioLengthMs(s, o.audio),
    channels: o.audio.channels,
    packetBytes: o.audio.packetBytes,
    comments: { EXEC_CALLUUID: s.callUuid, EXEC_MEDIAID: fileName },
  });
  const metadata = recordingMetadata(s, { url, name: fileName, size: file.length }, o.metadata);
  const put = await withRetries(o.retry, (signal) =>
    fetch(url, {
      method: 'PUT',
      headers: {
        'content-type': 'audio/ogg',
        ...(o.httpAuthorization ? { authorization: basic(o.httpAuthorization) } : {}),
      },
      body: file,
      signal,
    }),
  );
  const result: DeliveryResult = {
    segment: s,
    fileName,
    url,
    size: file.length,
    outcome: 'delivered',
    ...(put.status !== undefined ? { putStatus: put.status } : {}),
    attempts: { put: put.attempts, post: 0 },
    metadata,
  };
  if (put.ok) {
    const post = await withRetries(o.retry, (signal) =>
      fetch(o.callrecDest, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(metadata),
        signal,
      }),
    );
    result.attempts.post = post.attempts;
    if (post.status !== undefined) result.postStatus = post.status;
    if (post.answer !== undefined) result.postAnswer = post.answer;
    if (!post.ok) Object.assign(result, { outcome: 'irrecoverable', failedStep: 'post', error: post.error });
  } else {
    Object.assign(result, { outcome: 'irrecoverable', failedStep: 'put', error: put.error });
  }
  if (result.outcome === 'irrecoverable') {
    o.logger.warn(
      { file: fileName, step: result.failedStep, error: result.error, attempts: result.attempts },
      'recording not delivered after every retry',
    );
    if (o.irrecoverableDir) await keepIrrecoverable(o.irrecoverableDir, fileName, file, result);
  } else {
    o.logger.debug({ file: fileName, status: result.postStatus }, 'recording delivered');
  }
  return result;
}

async function keepIrrecoverable(
  dir: string,
  fileName: string,
  file: Buffer,
  r: DeliveryResult,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, fileName), file);
  await writeFile(
    join(dir, `${fileName}.json`),
    JSON.stringify(
      {
        ...r.metadata,
        failure: { step: r.failedStep, error: r.error, attempts: r.attempts, at: new Date().toISOString() },
      },
      null,
      2,
    ),
  );
}
