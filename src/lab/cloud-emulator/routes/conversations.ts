// GET /api/v2/conversations/{conversationId}: an injected conversation in the native shape
// (events/conversation-view.ts); 404 for an id no accepted event created.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { conversationView } from '../events/conversation-view.ts';

export function registerConversationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/api/v2/conversations/:id', async (req) => {
    const { id } = req.params as { id: string };
    const conv = ctx.org.conversations.get(id);
    if (!conv) throw notFound('conversation', id);
    return conversationView(conv);
  });
}
