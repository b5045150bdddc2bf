// metadata.json, the second file of the archive (docs/recording-format.md): which conversation,
// participant and communication the recording belongs to, its times, the speech-and-text-analytics
// request, and the envelope to decrypt the audio with. The schema is shared by EXRP (writes) and the
// emulator (validates), so the two cannot drift.
import { z } from 'zod';
import { CIPHER, KEY_WRAP, SCHEME } from './envelope.ts';

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not a UUID');
const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'is not an ISO-8601 UTC time');

export const METADATA_ENTRY = 'metadata.json';

export const RecordingMetadataSchema = z.strictObject({
  version: z.literal(1),
  conversationId: uuid,
  participantId: uuid,
  communicationId: uuid,
  userId: uuid.optional(),
  /** The recording's name (≤ 80 characters) and the name MCP gave it. */
  fileName: z.string().min(1).max(80),
  originalFileName: z.string().min(1).max(2048),
  mediaType: z.string().min(1).max(100),
  /** The encrypted audio entry of the archive. */
  audioEntry: z.string().min(1).max(80),
  startTime: isoTime,
  endTime: isoTime,
  trunk: z.boolean(),
  masks: z.array(z.strictObject({ time: isoTime, type: z.enum(['paused', 'resume']) })).max(1000),
  sta: z.strictObject({ programId: uuid, language: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/) }).optional(),
  encryption: z.strictObject({
    scheme: z.literal(SCHEME),
    cipher: z.literal(CIPHER),
    keyWrap: z.literal(KEY_WRAP),
    keyId: z.string().min(1),
    wrappedKey: z.string().min(1),
    iv: z.string().min(1),
  }),
  /** Of the plain audio: the receiver checks what it decrypted. */
  audio: z.strictObject({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
});

export type RecordingMetadata = z.infer<typeof RecordingMetadataSchema>;

/** Problems of a metadata.json, one line each naming the field; empty when valid. */
export function metadataProblems(value: unknown): { metadata?: RecordingMetadata; problems: string[] } {
  const r = RecordingMetadataSchema.safeParse(value);
  if (r.success) return { metadata: r.data, problems: [] };
  return {
    problems: r.error.issues.map((i) => `metadata.json ${i.path.join('.') || '(root)'}: ${i.message}`),
  };
}
