// What the emulator does with an uploaded recording archive, as Genesys Cloud would after the upload
// (docs/recording-format.md): open the zip (metadata.json and the encrypted audio at its top level),
// check metadata.json against the conversation it names, decrypt the audio with the private half of the
// org key it names, check the audio's size and SHA-256, and keep the recording. The verdict goes into
// the upload (status Uploaded or Failed with the reason), which the upload reports show.
import { Writable } from 'node:stream';
import {
  ArchiveError,
  openArchive,
  type RecordingMetadata,
} from '../../services/recording-provider/format/index.ts';
import type { EmulatorContext } from './context.ts';
import { newId } from './ids.ts';
import type { Upload } from './state.ts';

export interface StoredRecording {
  id: string;
  uploadKey: string;
  conversationId: string;
  participantId: string;
  communicationId: string;
  userId: string | null;
  programId: string | null;
  language: string | null;
  fileName: string;
  startTime: string;
  endTime: string;
  storedAt: string;
  audio: Buffer;
}

/** Problems of metadata.json against the org's conversations; empty when it fits. */
export function conversationProblems(ctx: EmulatorContext, m: RecordingMetadata): string[] {
  const conv = ctx.org.conversations.get(m.conversationId);
  if (!conv) return [`conversation ${m.conversationId} does not exist`];
  const problems: string[] = [];
  const comm = conv.communications.get(m.communicationId);
  if (!comm) problems.push(`communication ${m.communicationId} is not in conversation ${m.conversationId}`);
  // The emulator has one participant per communication, with the communication's id.
  if (!conv.communications.has(m.participantId))
    problems.push(`participant ${m.participantId} is not in conversation ${m.conversationId}`);
  if (m.userId && comm?.userId && comm.userId !== m.userId)
    problems.push(`user ${m.userId} is not the user of communication ${m.communicationId}`);
  if (m.sta && !ctx.org.programs.has(m.sta.programId))
    problems.push(`program ${m.sta.programId} does not exist`);
  return problems;
}

/** Processes an uploaded archive; records the verdict on `upload`. Never throws. */
export async function ingestRecording(ctx: EmulatorContext, upload: Upload, body: Buffer): Promise<void> {
  try {
    const archive = await openArchive(body);
    try {
      const m = archive.metadata;
      const key = ctx.org.recordingKeys.find((k) => k.id === m.encryption.keyId);
      if (!key) throw new ArchiveError(`recording key ${m.encryption.keyId} is not a key of this org`);
      const problems = conversationProblems(ctx, m);
      if (problems.length > 0) throw new ArchiveError(problems.join('; '));
      const parts: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          parts.push(chunk);
          done();
        },
      });
      try {
        await archive.decryptAudio(key.privateKeyPem, sink);
      } catch (err) {
        throw new ArchiveError(`the audio cannot be decrypted: ${(err as Error).message}`);
      }
      const id = upload.recordingId ?? newId();
      ctx.recordings.set(id, {
        id,
        uploadKey: upload.uploadKey,
        conversationId: m.conversationId,
        participantId: m.participantId,
        communicationId: m.communicationId,
        userId: m.userId ?? null,
        programId: m.sta?.programId ?? null,
        language: m.sta?.language ?? null,
        fileName: m.fileName,
        startTime: m.startTime,
        endTime: m.endTime,
        storedAt: new Date().toISOString(),
        audio: Buffer.concat(parts),
      });
      upload.recordingId = id;
      upload.status = 'Uploaded';
      delete upload.error;
    } finally {
      archive.close();
    }
  } catch (err) {
    upload.status = 'Failed';
    upload.error = err instanceof ArchiveError ? err.message : `processing failed: ${(err as Error).message}`;
    ctx.logger.warn(
      { uploadKey: upload.uploadKey, error: upload.error },
      'cloud emulator: recording refused',
    );
  }
}

/** A stored recording as `GET /__emulator/recordings` lists it. */
export type RecordingView = ReturnType<typeof recordingView>;

export function recordingView(ctx: EmulatorContext, r: StoredRecording) {
  return {
    id: r.id,
    conversationId: r.conversationId,
    participantId: r.participantId,
    communicationId: r.communicationId,
    userId: r.userId,
    programId: r.programId,
    language: r.language,
    fileName: r.fileName,
    bytes: r.audio.length,
    startTime: r.startTime,
    endTime: r.endTime,
    storedAt: r.storedAt,
    audioUrl: `${ctx.baseUrl}/__emulator/recordings/${r.id}/audio`,
  };
}
