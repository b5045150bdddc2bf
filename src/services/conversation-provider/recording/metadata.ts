// What EXCP learns about recorded segments: MCP's POST body (engage-recording.md §1) and GIR RWS's answer
// (§2), both validated and turned into one `Segment` per media file. Pure.
import { z } from 'zod';

/** One recorded segment, as stored against its conversation until the interaction-end requests go. */
export interface Segment {
  /** MCP's mediaId (GIR: the same), EXRP's job id. */
  segmentId: string;
  /** The file in WebDAV: MCP's mediaDescriptor.path (the full URL for WebDAV storage). */
  file: string;
  mediaType: string;
  callUuid: string;
  startMs: number;
  stopMs: number;
  /** Whose recording: the agent's login/employee id and the recorded DN, when MCP names them. */
  agentId?: string;
  recordDn?: string;
  masks: { timeMs: number; type: 'paused' | 'resume' }[];
  source: 'mcp' | 'gir';
}

/**
 * ISO-8601 times as MCP and RWS write them: `Z`, `+00:00` or `+0000` offsets, with or without
 * milliseconds. Undefined when it is not one.
 */
export function parseTime(s: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:?\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const zone = m[2] === 'Z' ? 'Z' : `${m[2]!.slice(0, 3)}:${m[2]!.slice(-2)}`;
  const ms = Date.parse(`${m[1]}${zone}`);
  return Number.isFinite(ms) ? ms : undefined;
}

const time = z.string().refine((s) => parseTime(s) !== undefined, 'is not an ISO-8601 time');
/** `duration` and `size` are strings in every sample; numbers are taken too. */
const numeric = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'is not a number'), z.number().nonnegative()]);
const text = (max: number) => z.string().trim().min(1).max(max);

const mask = z.looseObject({ time, type: z.enum(['paused', 'resume']) });

/** Call parameters: `callUuid` is required; the recorded DN's key varies in case (`recordDN`, `recorddn`, `agentdn`). */
const parameters = z
  .looseObject({
    callUuid: text(64).optional(),
    callUUID: text(64).optional(),
    agentId: z.string().max(128).optional(),
    recordDN: z.string().max(128).optional(),
    recorddn: z.string().max(128).optional(),
    agentdn: z.string().max(128).optional(),
    ani: z.string().max(128).optional(),
    dnis: z.string().max(128).optional(),
    id: z.string().max(512).optional(),
    connId: z.string().max(64).optional(),
  })
  .refine((p) => Boolean(p.callUuid ?? p.callUUID), { message: 'callUuid is required', path: ['callUuid'] });

const mediaFile = z
  .looseObject({
    mediaDescriptor: z.looseObject({ path: text(2048), storage: text(64) }),
    startTime: time,
    stopTime: time,
    mediaId: text(512),
    type: text(100),
    duration: numeric.optional(),
    size: numeric.optional(),
    parameters,
    masks: z.array(mask).max(1000).optional(),
  })
  .refine((f) => parseTime(f.stopTime)! >= parseTime(f.startTime)!, {
    message: 'is before startTime',
    path: ['stopTime'],
  });

export const McpMetadataSchema = z.looseObject({ mediaFiles: z.array(mediaFile).min(1).max(100) });
export type McpMetadata = z.output<typeof McpMetadataSchema>;

/** Every problem of a zod error as `where: what`, joined: the 400's message. */
export function describeIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 10)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

type McpFile = McpMetadata['mediaFiles'][number];

function segmentOf(f: McpFile, source: Segment['source']): Segment {
  const p = f.parameters;
  const recordDn = p.recordDN ?? p.recorddn ?? p.agentdn;
  return {
    segmentId: f.mediaId,
    file: f.mediaDescriptor.path,
    mediaType: f.type,
    callUuid: (p.callUuid ?? p.callUUID)!,
    startMs: parseTime(f.startTime)!,
    stopMs: parseTime(f.stopTime)!,
    ...(p.agentId ? { agentId: p.agentId } : {}),
    ...(recordDn ? { recordDn } : {}),
    masks: (f.masks ?? []).map((m) => ({ timeMs: parseTime(m.time)!, type: m.type })),
    source,
  };
}

/** MCP's body → segments; throws the zod error when it is not valid. */
export function segmentsFromMcp(body: unknown): Segment[] {
  return McpMetadataSchema.parse(body).mediaFiles.map((f) => segmentOf(f, 'mcp'));
}

// GIR RWS: GET /api/v2/ops/contact-centers/{ccid}/recordings/{CallUUID} (§2). Its mediaFiles carry the
// same fields as MCP's, except that the file is named by mediaId (and, in newer versions, mediaPath).
const girFile = z.looseObject({
  startTime: time,
  stopTime: time,
  callUUID: z.string().optional(),
  mediaId: text(512),
  type: text(100),
  duration: numeric.optional(),
  size: numeric.optional(),
  parameters: z.looseObject({
    callUuid: z.string().optional(),
    agentId: z.string().max(128).optional(),
    recordDN: z.string().max(128).optional(),
    recorddn: z.string().max(128).optional(),
  }),
  masks: z.array(mask).max(1000).optional(),
});

export const RwsRecordingSchema = z.looseObject({
  statusCode: z.number().optional(),
  recording: z.looseObject({
    id: text(128),
    mediaFiles: z.array(girFile).max(100),
  }),
});

/**
 * GIR stores MP3s; EXEC's WebDAV receives MCP's Opus copy of the same segment. UNCONFIRMED how the two
 * are named: we take the same base name with `.opus` (docs/conversation-provider.md, "Recording").
 */
export function opusNameOf(mediaId: string): string {
  return /\.[a-z0-9]{2,4}$/i.test(mediaId)
    ? mediaId.replace(/\.[a-z0-9]{2,4}$/i, '.opus')
    : `${mediaId}.opus`;
}

/** RWS's answer for one call → segments (file = the Opus name in WebDAV, relative to its root). */
export function segmentsFromRws(body: unknown, callUuid: string): Segment[] {
  const rec = RwsRecordingSchema.parse(body).recording;
  return rec.mediaFiles.map((f) => {
    const p = f.parameters;
    const recordDn = p.recordDN ?? p.recorddn;
    const file = opusNameOf(f.mediaId);
    return {
      segmentId: file,
      file,
      mediaType: 'audio/opus',
      callUuid: p.callUuid ?? f.callUUID ?? callUuid,
      startMs: parseTime(f.startTime)!,
      stopMs: parseTime(f.stopTime)!,
      ...(p.agentId ? { agentId: p.agentId } : {}),
      ...(recordDn ? { recordDn } : {}),
      masks: (f.masks ?? []).map((m) => ({ timeMs: parseTime(m.time)!, type: m.type })),
      source: 'gir' as const,
    };
  });
}
