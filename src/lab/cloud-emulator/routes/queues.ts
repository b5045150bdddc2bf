// /api/v2/routing/queues with members (≤100 per call) and queue wrap-up codes (≤100 per call).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import {
  addQueueWrapupCodes,
  createQueue,
  deleteQueue,
  getOrThrow,
  idList,
  setQueueMembers,
  updateQueue,
} from '../ops/routing-ops.ts';
import { all, entityListing, first, nameMatcher, pageParams, type Query } from '../paging.ts';
import type { Org, Queue } from '../state.ts';
import { userView } from './users.ts';
import { wrapupCodeView } from './wrapup-codes.ts';

export function queueView(org: Org, q: Queue) {
  const joined = [...q.members.values()].filter((m) => m.joined).length;
  return {
    ...q.extra,
    id: q.id,
    name: q.name,
    description: q.description,
    division: {
      id: q.divisionId,
      name: org.divisions.get(q.divisionId)?.name,
      selfUri: `/api/v2/authorization/divisions/${q.divisionId}`,
    },
    dateCreated: q.dateCreated,
    dateModified: q.dateModified,
    createdBy: 'exec-lab',
    modifiedBy: 'exec-lab',
    memberCount: q.members.size,
    userMemberCount: q.members.size,
    joinedMemberCount: joined,
    acwSettings: q.extra.acwSettings ?? { wrapupPrompt: 'OPTIONAL', timeoutMs: 300000 },
    skillEvaluationMethod: q.extra.skillEvaluationMethod ?? 'ALL',
    enableTranscription: q.enableTranscription,
    peerId: q.peerId,
    selfUri: `/api/v2/routing/queues/${q.id}`,
  };
}

export function registerQueueRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const base = '/api/v2/routing/queues';
  const queue = (id: string) => getOrThrow(ctx.org.queues, id, 'Queue');
  app.get(base, async (req) => {
    const q = req.query as Query;
    const name = first(q.name);
    const match = name ? nameMatcher(name) : () => true;
    const peerId = first(q.peerId);
    const hasPeer = first(q.hasPeer);
    const ids = new Set(all(q.id));
    const divisions = new Set(all(q.divisionId));
    const list = [...ctx.org.queues.values()].filter(
      (x) =>
        match(x.name) &&
        (peerId === undefined || x.peerId === peerId) &&
        (hasPeer === undefined || (hasPeer === 'true') === (x.peerId !== undefined)) &&
        (ids.size === 0 || ids.has(x.id)) &&
        (divisions.size === 0 || divisions.has(x.divisionId)),
    );
    return entityListing(
      list.map((x) => queueView(ctx.org, x)),
      pageParams(q, 500),
      base,
      q,
    );
  });
  app.post(base, async (req) => queueView(ctx.org, createQueue(ctx.org, req.body)));
  app.get(`${base}/:id`, async (req) => queueView(ctx.org, queue((req.params as { id: string }).id)));
  app.put(`${base}/:id`, async (req) =>
    queueView(ctx.org, updateQueue(ctx.org, (req.params as { id: string }).id, req.body)),
  );
  app.delete(`${base}/:id`, async (req, reply) => {
    deleteQueue(ctx.org, (req.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.get(`${base}/:id/members`, async (req) => {
    const q = req.query as Query;
    const x = queue((req.params as { id: string }).id);
    const joined = first(q.joined);
    const list = [...x.members]
      .filter(([, m]) => joined === undefined || String(m.joined) === joined)
      .map(([userId, m]) => {
        const u = ctx.org.users.get(userId);
        return {
          id: userId,
          name: u?.displayName,
          user: u ? userView(ctx.org, u) : { id: userId },
          ringNumber: 1,
          joined: m.joined,
          memberBy: m.memberBy,
          routingStatus: {
            userId,
            status: u?.routingStatus?.status.toUpperCase() ?? 'OFF_QUEUE',
            startTime: u?.routingStatus?.eventDateTime,
          },
          selfUri: `/api/v2/users/${userId}`,
        };
      });
    return entityListing(list, pageParams(q, 100), `${base}/${x.id}/members`, q, false);
  });
  app.post(`${base}/:id/members`, async (req, reply) => {
    const del = first((req.query as Query).delete);
    setQueueMembers(ctx.org, (req.params as { id: string }).id, req.body, del === 'true');
    return reply.code(200).send();
  });
  app.patch(`${base}/:id/members`, async (req, reply) => {
    const x = queue((req.params as { id: string }).id);
    const ids = idList(req.body, 'member');
    const body = req.body as { id: string; joined?: unknown }[];
    body.forEach((e, i) => {
      if (typeof e.joined !== 'boolean') throw badRequest(`[${i}].joined must be true or false`);
      if (!x.members.has(ids[i] as string))
        throw badRequest(`user ${ids[i]} is not a member of queue ${x.id}`);
    });
    // Asynchronous in the real API; applied at once here, answered 202 like the real one.
    body.forEach(
      (e, i) => ((x.members.get(ids[i] as string) as { joined: boolean }).joined = e.joined as boolean),
    );
    return reply.code(202).send({ entities: [], pageSize: 0, pageNumber: 1 });
  });
  app.delete(`${base}/:id/members/:memberId`, async (req, reply) => {
    const { id, memberId } = req.params as { id: string; memberId: string };
    const x = queue(id);
    if (!x.members.delete(memberId)) getOrThrow(new Map(), memberId, 'Queue member');
    return reply.code(204).send();
  });

  app.get(`${base}/:id/wrapupcodes`, async (req) => {
    const q = req.query as Query;
    const x = queue((req.params as { id: string }).id);
    const list = [...x.wrapupCodeIds].flatMap((id) => {
      const c = ctx.org.wrapupCodes.get(id);
      return c ? [wrapupCodeView(ctx.org, c)] : [];
    });
    return entityListing(list, pageParams(q, 100), `${base}/${x.id}/wrapupcodes`, q);
  });
  app.post(`${base}/:id/wrapupcodes`, async (req) =>
    addQueueWrapupCodes(ctx.org, (req.params as { id: string }).id, req.body).map((c) =>
      wrapupCodeView(ctx.org, c),
    ),
  );
  app.delete(`${base}/:id/wrapupcodes/:codeId`, async (req, reply) => {
    const { id, codeId } = req.params as { id: string; codeId: string };
    const x = queue(id);
    if (!x.wrapupCodeIds.delete(codeId)) getOrThrow(new Map(), codeId, 'Queue wrap-up code');
    return reply.code(204).send();
  });
}
