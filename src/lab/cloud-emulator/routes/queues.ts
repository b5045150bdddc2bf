// /api/v2/routing/queues with members (≤100 per call) and queue wrap-up codes (≤100 per call).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
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
import { checkEachProperties } from '../properties.ts';
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

/** Queue member `routingStatus.status` is the RoutingStatus enum: OFF_QUEUE, IDLE, … NOT_RESPONDING. */
const MEMBER_STATUS: Record<string, string> = {
  OffQueue: 'OFF_QUEUE',
  Idle: 'IDLE',
  Interacting: 'INTERACTING',
  Communicating: 'COMMUNICATING',
  NotResponding: 'NOT_RESPONDING',
};

function memberView(org: Org, userId: string, m: { joined: boolean; memberBy: string }) {
  const u = org.users.get(userId);
  return {
    id: userId,
    name: u?.displayName,
    user: u ? userView(org, u) : { id: userId },
    ringNumber: 1,
    joined: m.joined,
    memberBy: m.memberBy,
    routingStatus: {
      userId,
      status: MEMBER_STATUS[u?.routingStatus?.status ?? 'OffQueue'] ?? 'OFF_QUEUE',
      startTime: u?.routingStatus?.eventDateTime,
    },
    selfUri: `/api/v2/users/${userId}`,
  };
}

export function registerQueueRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const base = '/api/v2/routing/queues';
  const queue = (id: string) => getOrThrow(ctx.org.queues, id, 'Queue');
  /** A read: a queue created within the consistency delay is not found yet. */
  const visibleQueue = (id: string) => {
    const q = queue(id);
    if (!ctx.lag.visible(q.id)) throw notFound('Queue', id);
    return q;
  };
  const members = (x: Queue) => [...x.members].map(([userId, m]) => memberView(ctx.org, userId, m));
  /** Member changes are asynchronous in the real API: reads keep the old list for the delay. */
  const changingMembers = (x: Queue) => ctx.lag.changing(`members:${x.id}`, () => members(x));
  app.get(base, async (req) => {
    const q = req.query as Query;
    const name = first(q.name);
    const match = name ? nameMatcher(name) : () => true;
    const peerId = first(q.peerId);
    const hasPeer = first(q.hasPeer);
    const ids = new Set(all(q.id));
    const divisions = new Set(all(q.divisionId));
    const list = ctx.lag
      .filter([...ctx.org.queues.values()])
      .filter(
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
  app.post(base, async (req) => {
    const q = createQueue(ctx.org, req.body);
    ctx.lag.created(q.id);
    return queueView(ctx.org, q);
  });
  app.get(`${base}/:id`, async (req) => queueView(ctx.org, visibleQueue((req.params as { id: string }).id)));
  app.put(`${base}/:id`, async (req) =>
    queueView(ctx.org, updateQueue(ctx.org, (req.params as { id: string }).id, req.body)),
  );
  app.delete(`${base}/:id`, async (req, reply) => {
    deleteQueue(ctx.org, (req.params as { id: string }).id);
    return reply.code(200).send();
  });

  app.get(`${base}/:id/members`, async (req) => {
    const q = req.query as Query;
    const x = visibleQueue((req.params as { id: string }).id);
    const joined = first(q.joined);
    const list = ctx.lag
      .view(`members:${x.id}`, () => members(x))
      .filter((m) => joined === undefined || String(m.joined) === joined);
    return entityListing(list, pageParams(q, 100), `${base}/${x.id}/members`, q, false);
  });
  app.post(`${base}/:id/members`, async (req, reply) => {
    const del = first((req.query as Query).delete);
    changingMembers(queue((req.params as { id: string }).id));
    setQueueMembers(ctx.org, (req.params as { id: string }).id, req.body, del === 'true');
    return reply.code(200).send();
  });
  // Join/unjoin: 200 with a QueueMemberEntityListing (the swagger); pairs of non-members are disregarded
  // ("Non-member user-queue pairs in the request will be disregarded").
  app.patch(`${base}/:id/members`, async (req) => {
    const x = queue((req.params as { id: string }).id);
    const ids = idList(req.body, 'member');
    checkEachProperties(req.body, 'QueueMember');
    const body = req.body as { id: string; joined?: unknown }[];
    body.forEach((e, i) => {
      if (typeof e.joined !== 'boolean') throw badRequest(`[${i}].joined must be true or false`);
    });
    changingMembers(x);
    const changed: ReturnType<typeof memberView>[] = [];
    body.forEach((e, i) => {
      const m = x.members.get(ids[i] as string);
      if (!m) return;
      m.joined = e.joined as boolean;
      changed.push(memberView(ctx.org, ids[i] as string, m));
    });
    return entityListing(
      changed,
      { pageSize: Math.max(25, changed.length), pageNumber: 1 },
      `${base}/${x.id}/members`,
      {},
      false,
    );
  });
  app.delete(`${base}/:id/members/:memberId`, async (req, reply) => {
    const { id, memberId } = req.params as { id: string; memberId: string };
    const x = queue(id);
    changingMembers(x);
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
    return reply.code(200).send();
  });
}
