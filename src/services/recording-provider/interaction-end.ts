// The one request EXCP sends EXRP per recorded segment (POST /api/v1/interactions/end, DESIGN §5): which
// file in WebDAV to inject and the Genesys Cloud metadata it belongs to. The shape is ours (seed 003 says
// only "the file name and the metadata"); it is shared by both sides so that a mismatch fails to compile.
import { z } from 'zod';

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not a UUID');
const isoTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/,
    'is not an ISO-8601 UTC time (yyyy-MM-ddTHH:mm:ss.SSSZ)',
  );

/** Speech and text analytics for a segment: present only when the seeds' rules ask for it. */
export const StaRequestSchema = z.strictObject({
  programId: uuid,
  /** `{language}-{country}`, ISO 639-1 and ISO 3166-1 alpha-2 (e.g. `en-US`). */
  language: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'is not a language-COUNTRY code such as en-US'),
});

export const InteractionEndSchema = z.strictObject({
  /**
   * Stable id of the segment (MCP's `mediaId`, or GIR's recording id). EXRP uses it as the job id, so a
   * request sent twice (an EXCP switchover, a retry after a lost answer) queues one job.
   */
  segmentId: z.string().min(1).max(512),
  /** The file in WebDAV transient storage: a path relative to its root, or the full URL MCP reported. */
  file: z.string().min(1).max(2048),
  /** Media type of the file as MCP wrote it, e.g. `audio/opus`. */
  mediaType: z.string().min(1).max(100),
  callUuid: z.string().min(1).max(64),
  conversationId: uuid,
  /** The participant and communication the segment is linked to (the first party for suspended calls). */
  participantId: uuid,
  communicationId: uuid,
  /** Genesys Cloud user of that participant, when it is an agent. */
  userId: uuid.optional(),
  /** Trunk recordings cover the whole call and always take the default language (seed 003). */
  trunk: z.boolean().default(false),
  startTime: isoTime,
  endTime: isoTime,
  /** Pauses and resumes MCP reported, passed through into metadata.json. */
  masks: z
    .array(z.strictObject({ time: isoTime, type: z.enum(['paused', 'resume']) }))
    .max(1000)
    .default([]),
  sta: StaRequestSchema.optional(),
});

export type InteractionEnd = z.output<typeof InteractionEndSchema>;
export type InteractionEndInput = z.input<typeof InteractionEndSchema>;
export type StaRequest = z.output<typeof StaRequestSchema>;
