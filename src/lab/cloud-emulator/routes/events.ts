// The Events API: POST /api/v2/events/{conversations,users/presence,users/routingstatus}. The hot path of
// the benchmarks: no cloning, O(1) checks per event, 200 with BatchEventResponse even when some failed.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { ingestConversationBatch, ingestPresenceBatch, ingestRoutingStatusBatch } from '../events/ingest.ts';

export function registerEventsRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const limit = (): number => ctx.settings.eventsBatchLimit;
  app.post('/api/v2/events/conversations', async (req) => {
    const out = ingestConversationBatch(ctx.org, ctx.audit, req.body, limit());
    return { errors: out.errors };
  });
  app.post('/api/v2/events/users/presence', async (req) => {
    const out = ingestPresenceBatch(ctx.org, ctx.audit, req.body, limit());
    return { errors: out.errors };
  });
  app.post('/api/v2/events/users/routingstatus', async (req) => {
    const out = ingestRoutingStatusBatch(ctx.org, ctx.audit, req.body, limit());
    return { errors: out.errors };
  });
}
