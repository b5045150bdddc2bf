// The recordings the console plays beside their segment: GET /__emulator/recordings, when this build's
// emulator has it (the recording path adds it), read in-process and validated. A 404 means "not in this
// build", any other failure "none to show now".
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export const ConsoleRecordingSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  participantId: z.string().nullish(),
  communicationId: z.string().nullish(),
  userId: z.string().nullish(),
  programId: z.string().nullish(),
  language: z.string().nullish(),
  fileName: z.string(),
  bytes: z.number().nonnegative(),
  startTime: z.string(),
  endTime: z.string(),
  audioUrl: z.string().min(1),
});
export type ConsoleRecording = z.infer<typeof ConsoleRecordingSchema>;

/** A bare array or `{recordings: [...]}`; entries that do not parse are left out, not fatal. */
export function parseRecordings(body: unknown): ConsoleRecording[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { recordings?: unknown }).recordings)
      ? (body as { recordings: unknown[] }).recordings
      : [];
  return list.flatMap((r) => {
    const parsed = ConsoleRecordingSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** null: the route does not exist in this build. */
export async function readRecordings(app: FastifyInstance): Promise<ConsoleRecording[] | null> {
  const res = await app.inject({ method: 'GET', url: '/__emulator/recordings' });
  if (res.statusCode === 404) return null;
  if (res.statusCode !== 200) return [];
  try {
    return parseRecordings(res.json());
  } catch {
    return [];
  }
}
