// The Events API: POST /api/v2/events/{conversations,users/presence,users/routingstatus}. The hot path of
// the benchmarks: no cloning, O(1) checks per event, 200 with BatchEventResponse even when some failed.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import type { FastifyRequest } from 'fastify';
import {
  ingestConversationBatch,
  ingestPresenceBatch,
  ingestRoutingStatusBatch,
  type BatchOutcome,
  type IngestOptions,
} from '../events/ingest.ts';

export function registerEventsRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const options = (req: FastifyRequest): IngestOptions => ({
    limit: ctx.settings.eventsBatchLimit,
    order: ctx.settings.eventOrder,
    random: ctx.eventOrderRandom,
    duplicates: ctx.settings.duplicateEvents,
    ...(req.retryableEventRate ? { retryableShare: req.retryableEventRate } : {}),
  });
  const answer = (req: FastifyRequest, out: BatchOutcome) => {
    // The order chosen for the request goes to the log, so a failure can be traced to it.
    if (out.order.length > 1)
      ctx.logger.debug({ contextId: req.contextId, order: out.order }, 'events applied in this array order');
    return { errors: out.errors };
  };
  app.post('/api/v2/events/conversations', async (req) =>
    answer(req, ingestConversationBatch(ctx.org, ctx.audit, req.body, options(req))),
  );
  app.post('/api/v2/events/users/presence', async (req) =>
    answer(req, ingestPresenceBatch(ctx.org, ctx.audit, req.body, options(req))),
  );
  app.post('/api/v2/events/users/routingstatus', async (req) =>
    answer(req, ingestRoutingStatusBatch(ctx.org, ctx.audit, req.body, options(req))),
  );
}
