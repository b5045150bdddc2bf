// POST /api/v1/interactions/end (DESIGN §4): one recorded segment from EXCP, validated against the
// shared contract, answered 202 once the job is in the shared queue (Redis). A re-sent segment is 202
// too and queues nothing. GET /api/v1/dead-letter lists what failed for good.
import type { FastifyInstance } from 'fastify';
import { ApiError, Reply } from '../../core/http/envelope.ts';
import { InteractionEndSchema, type InteractionEnd } from './interaction-end.ts';

export interface RouteDeps {
  enqueue(end: InteractionEnd): Promise<{ jobId: string; created: boolean }>;
  deadLetter(limit: number): Promise<DeadLetterEntry[]>;
}

export interface DeadLetterEntry {
  jobId: string;
  segmentId: string;
  file: string;
  conversationId: string;
  attempts: number;
  failedReason: string;
  finishedOn: string | null;
}

export function exrpRoutes(app: FastifyInstance, d: RouteDeps): void {
  app.post('/api/v1/interactions/end', async (req, reply) => {
    const parsed = InteractionEndSchema.safeParse(req.body);
    if (!parsed.success) {
      const what = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw new ApiError(400, `Invalid interaction-end request: ${what}`, 40002);
    }
    if (Date.parse(parsed.data.endTime) < Date.parse(parsed.data.startTime))
      throw new ApiError(400, 'Invalid interaction-end request: endTime is before startTime', 40002);
    let queued: { jobId: string; created: boolean };
    try {
      queued = await d.enqueue(parsed.data);
    } catch (err) {
      throw new ApiError(503, `The recording queue is not available: ${(err as Error).message}`, 50301);
    }
    void reply.status(202);
    return new Reply(
      { segmentId: parsed.data.segmentId, jobId: queued.jobId, duplicate: !queued.created },
      queued.created ? 'Queued' : 'Already queued',
    );
  });
  app.get('/api/v1/dead-letter', async (req) => {
    const limit = Math.min(1000, Math.max(1, Number((req.query as { limit?: string }).limit ?? 100) || 100));
    return { jobs: await d.deadLetter(limit) };
  });
}
