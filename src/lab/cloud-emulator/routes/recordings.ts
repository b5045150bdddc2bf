// The recordings the emulator accepted (admin API, for tests and the org viewer):
// GET /__emulator/recordings (JSON list) and GET /__emulator/recordings/:id/audio (the decrypted Ogg Opus).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { recordingView } from '../recordings.ts';

export function registerRecordingAdmin(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/__emulator/recordings', async () =>
    [...ctx.recordings.values()].map((r) => recordingView(ctx, r)),
  );
  app.get('/__emulator/recordings/:id/audio', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const r = ctx.recordings.get(id);
    if (!r) throw notFound('Recording', id);
    return reply.type('audio/ogg').header('content-length', r.audio.length).send(r.audio);
  });
}
