// Conversations: reading one conversation back (`GET /api/v2/conversations/{id}`). The conversation
// provider uses it after a takeover to learn whether an event whose request's answer was lost (its
// sender was killed) was applied, instead of sending it a second time.
import type { Models } from 'purecloud-platform-client-v2';
import { CloudApiError } from '../errors.ts';
import { seg, type AreaContext } from './context.ts';

const area = 'conversations';

export function conversationsArea(ctx: AreaContext) {
  const t = ctx.transport;
  return {
    /** The conversation, or undefined when Genesys Cloud does not know it (404). */
    async getConversation(id: string): Promise<Models.Conversation | undefined> {
      try {
        return await t.call<Models.Conversation>({
          area,
          method: 'GET',
          path: `/api/v2/conversations/${seg(id)}`,
        });
      } catch (err) {
        if (err instanceof CloudApiError && err.status === 404) return undefined;
        throw err;
      }
    },
  };
}

export type ConversationsApi = ReturnType<typeof conversationsArea>;
