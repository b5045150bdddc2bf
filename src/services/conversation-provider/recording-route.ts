// POST /api/v1/recording (and /v1/recording, as one seed table names it): MCP's recording metadata for a
// call. An empty body, or a call the tracker never saw, is 404 with 40402 "CallUUID not found" (seed 003,
// "Starting EXEC services"); not JSON is 400. For a known call, recording injection (recording/) validates
// the body (400 naming each problem), stores it against the conversation and answers 202; without it
// (no EXRP configured) a known call is 202 and nothing is kept.
import type { FastifyInstance } from 'fastify';
import { ApiError, Reply } from '../../core/http/envelope.ts';

/** The CallUUID a recording metadata body names (top level, or the first media file's parameters). */
export function callUuidOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const direct = b.callUuid ?? b.callUUID ?? b.CallUUID;
  if (typeof direct === 'string' && direct) return direct;
  const files = Array.isArray(b.mediaFiles) ? (b.mediaFiles as unknown[]) : [];
  for (const f of files) {
    if (!f || typeof f !== 'object') continue;
    const file = f as Record<string, unknown>;
    const params =
      file.parameters && typeof file.parameters === 'object'
        ? (file.parameters as Record<string, unknown>)
        : {};
    const id = params.callUuid ?? params.callUUID ?? file.callUUID ?? file.callUuid;
    if (typeof id === 'string' && id) return id;
  }
  return undefined;
}

export function recordingRoutes(
  app: FastifyInstance,
  knows: (callUuid: string) => Promise<boolean>,
  recording?: { accept(body: unknown): Promise<Reply> },
): void {
  // An empty POST has no content type; take any body as text and read it ourselves.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    const handler = async (req: { body: unknown }) => {
      const text = typeof req.body === 'string' ? req.body.trim() : '';
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          throw new ApiError(400, 'The recording metadata is not JSON', 40001);
        }
      }
      const callUuid = callUuidOf(body);
      if (!callUuid || !(await knows(callUuid))) throw new ApiError(404, 'CallUUID not found', 40402);
      if (recording) return recording.accept(body);
      return new Reply({ callUuid }, 'Recording metadata received');
    };
    for (const path of ['/api/v1/recording', '/v1/recording']) {
      scope.post(path, async (req, reply) => {
        const r = await handler(req);
        void reply.status(202);
        return r;
      });
    }
  });
}
