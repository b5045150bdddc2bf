// Queues, their members and their wrap-up codes. Bulk calls are split by the documented 100-per-call limits.
import type { Models } from 'purecloud-platform-client-v2';
import { BULK_LIMITS, inChunks } from '../bulk.ts';
import { createOnce } from '../create-once.ts';
import { collect, pageNumberPages } from '../paging.ts';
import { seg, type AreaContext } from './context.ts';

const area = 'routing';
const QUEUES = '/api/v2/routing/queues';

export interface QueueListOptions {
  name?: string;
  /** The id of the associated external queue (for us: the Engage DN DBID). */
  peerId?: string;
  divisionId?: string;
  id?: string[];
}

export function routingQueues(ctx: AreaContext) {
  const t = ctx.transport;
  const api = {
    queues(o: QueueListOptions = {}): AsyncGenerator<Models.Queue> {
      return pageNumberPages((pageNumber, pageSize) =>
        t.call<Models.QueueEntityListing>({
          area,
          method: 'GET',
          path: QUEUES,
          query: { pageNumber, pageSize, name: o.name, peerId: o.peerId, divisionId: o.divisionId, id: o.id },
        }),
      );
    },
    listQueues(o: QueueListOptions = {}): Promise<Models.Queue[]> {
      return collect(api.queues(o));
    },
    getQueue(id: string): Promise<Models.Queue> {
      return t.call({ area, method: 'GET', path: `${QUEUES}/${seg(id)}` });
    },
    /** The queue with exactly this name (names are unique case-insensitively), or undefined. */
    async findQueueByName(name: string): Promise<Models.Queue | undefined> {
      const found = await api.listQueues({ name });
      return found.find((q) => q.name?.toLowerCase() === name.toLowerCase());
    },
    async findQueueByPeerId(peerId: string): Promise<Models.Queue | undefined> {
      const found = await api.listQueues({ peerId });
      return found.find((q) => q.peerId === peerId);
    },
    createQueue(body: Models.CreateQueueRequest): Promise<Models.Queue> {
      return t.call({ area, method: 'POST', path: QUEUES, body });
    },
    /** Creates the queue unless a lost earlier attempt already did (looked up by name). */
    createQueueOnce(body: Models.CreateQueueRequest): Promise<Models.Queue> {
      return createOnce({
        create: () => api.createQueue(body),
        find: () => api.findQueueByName(body.name),
        backoff: ctx.backoff,
      });
    },
    updateQueue(id: string, body: Models.QueueRequest): Promise<Models.Queue> {
      return t.call({ area, method: 'PUT', path: `${QUEUES}/${seg(id)}`, body });
    },
    deleteQueue(id: string): Promise<void> {
      return t.call({ area, method: 'DELETE', path: `${QUEUES}/${seg(id)}` });
    },

    members(
      queueId: string,
      o: { joined?: boolean; memberBy?: string } = {},
    ): AsyncGenerator<Models.QueueMember> {
      return pageNumberPages(
        (pageNumber, pageSize) =>
          t.call<Models.QueueMemberEntityListing>({
            area,
            method: 'GET',
            path: `${QUEUES}/${seg(queueId)}/members`,
            query: { pageNumber, pageSize, joined: o.joined, memberBy: o.memberBy },
          }),
        { pageSize: BULK_LIMITS.queueMembers },
      );
    },
    listMembers(
      queueId: string,
      o: { joined?: boolean; memberBy?: string } = {},
    ): Promise<Models.QueueMember[]> {
      return collect(api.members(queueId, o));
    },
    /** Adds users, 100 per call. Adding a member twice is harmless, so the calls may be repeated. */
    async addMembers(queueId: string, userIds: readonly string[]): Promise<number> {
      const calls = await inChunks(userIds, BULK_LIMITS.queueMembers, (part) =>
        t.call<void>({
          area,
          method: 'POST',
          path: `${QUEUES}/${seg(queueId)}/members`,
          body: part.map((id): Models.WritableEntity => ({ id })),
          idempotent: true,
        }),
      );
      return calls.length;
    },
    /** Removes users, 100 per call (`?delete=true`). */
    async removeMembers(queueId: string, userIds: readonly string[]): Promise<number> {
      const calls = await inChunks(userIds, BULK_LIMITS.queueMembers, (part) =>
        t.call<void>({
          area,
          method: 'POST',
          path: `${QUEUES}/${seg(queueId)}/members`,
          query: { delete: true },
          body: part.map((id): Models.WritableEntity => ({ id })),
          idempotent: true,
        }),
      );
      return calls.length;
    },
    removeMember(queueId: string, userId: string): Promise<void> {
      return t.call({ area, method: 'DELETE', path: `${QUEUES}/${seg(queueId)}/members/${seg(userId)}` });
    },

    queueWrapupCodes(queueId: string): AsyncGenerator<Models.WrapupCode> {
      return pageNumberPages((pageNumber, pageSize) =>
        t.call<Models.WrapupCodeEntityListing>({
          area,
          method: 'GET',
          path: `${QUEUES}/${seg(queueId)}/wrapupcodes`,
          query: { pageNumber, pageSize },
        }),
      );
    },
    listQueueWrapupCodes(queueId: string): Promise<Models.WrapupCode[]> {
      return collect(api.queueWrapupCodes(queueId));
    },
    /** Assigns wrap-up codes to the queue, 100 per call. */
    async addQueueWrapupCodes(queueId: string, codeIds: readonly string[]): Promise<Models.WrapupCode[]> {
      const results = await inChunks(codeIds, BULK_LIMITS.queueWrapupCodes, (part) =>
        t.call<Models.WrapupCode[] | undefined>({
          area,
          method: 'POST',
          path: `${QUEUES}/${seg(queueId)}/wrapupcodes`,
          body: part.map((id): Models.WrapUpCodeReference => ({ id })),
          idempotent: true,
        }),
      );
      return results.flatMap((r) => r ?? []);
    },
    removeQueueWrapupCode(queueId: string, codeId: string): Promise<void> {
      return t.call({ area, method: 'DELETE', path: `${QUEUES}/${seg(queueId)}/wrapupcodes/${seg(codeId)}` });
    },
  };
  return api;
}
