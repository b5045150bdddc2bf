// /api/v2/scim/v2/users: SCIM v2 users with the filters we use (`attr eq value`), startIndex/count
// paging, ListResponse, meta.version with If-Match, and ScimError bodies.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { createScimUser, patchScimUser, replaceScimUser, scimUserView } from '../ops/user-ops.ts';
import { first, intParam, type Query } from '../paging.ts';
import type { Org, User } from '../state.ts';
import { changingUser } from './users.ts';

/** "A page size over 25 may exceed internal resource limits and return a 429 error" (getScimUsers). */
export const SCIM_MAX_COUNT = 25;

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const FILTER_RE = /^\s*([A-Za-z][\w.]*)\s+eq\s+("((?:[^"\\]|\\.)*)"|[^\s"]+)\s*$/i;
const invalidFilter = (detail: string) => new ApiError(400, 'bad.request', detail, {}, 'invalidFilter');

/** A predicate for `attr eq "value"` on the attributes the connector filters by. */
export function parseScimFilter(org: Org, filter: string): (u: User) => boolean {
  const m = FILTER_RE.exec(filter);
  if (!m) throw invalidFilter(`Unsupported filter "${filter}": expected <attribute> eq "<value>"`);
  const attr = (m[1] as string).toLowerCase();
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[2] as string);
  switch (attr) {
    case 'externalid':
      return (u) => u.externalId === value;
    case 'username':
      return (u) => u.userName.toLowerCase() === value.toLowerCase();
    case 'id':
      return (u) => u.id === value;
    case 'displayname':
      return (u) => u.displayName === value;
    case 'active':
      if (value !== 'true' && value !== 'false')
        throw invalidFilter(`active eq needs true or false (got ${value})`);
      return (u) => u.active === (value === 'true');
    case 'division':
      return (u) => org.divisions.get(u.divisionId)?.name === value;
    default:
      throw invalidFilter(`Filtering on "${m[1]}" is not supported`);
  }
}

function userOr404(ctx: EmulatorContext, id: string): User {
  const u = isUuid(id) ? ctx.org.users.get(id) : undefined;
  if (!u) throw notFound('User', id);
  return u;
}

function checkIfMatch(req: FastifyRequest, u: User): void {
  const h = req.headers['if-match'];
  if (h === undefined || h === '*') return;
  const want = String(h).replace(/^W\//, '').replace(/"/g, '');
  if (want !== String(u.version))
    throw new ApiError(
      400,
      'bad.request',
      `If-Match version ${String(h)} does not match the current version W/"${u.version}"`,
      {},
      'invalidVers',
    );
}

/** What a read sees of a user: within the consistency delay, the user before its last change. */
const readView = (ctx: EmulatorContext, u: User) =>
  ctx.lag.view(`user:${u.id}`, () => scimUserView(ctx.org, u, ctx.baseUrl));

function send(reply: FastifyReply, ctx: EmulatorContext, u: User, status = 200, read = false) {
  const view = read ? readView(ctx, u) : scimUserView(ctx.org, u, ctx.baseUrl);
  return reply
    .code(status)
    .type('application/scim+json')
    .header('ETag', view.meta?.version ?? `W/"${u.version}"`)
    .header('Location', view.meta?.location ?? '')
    .send(view);
}

export function registerScimRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const base = '/api/v2/scim/v2/users';
  app.get(base, async (req, reply) => {
    const q = req.query as Query;
    const filter = first(q.filter);
    const pred = filter ? parseScimFilter(ctx.org, filter) : (u: User) => u.active;
    const startIndex = Math.max(1, intParam(q, 'startIndex', 1, -1_000_000, 1_000_000));
    const count = intParam(q, 'count', 25, 0, 1_000_000);
    if (count > SCIM_MAX_COUNT)
      throw new ApiError(
        429,
        'too.many.requests',
        `A page size over ${SCIM_MAX_COUNT} exceeds internal resource limits (count=${count})`,
        {},
        'tooMany',
      );
    const matches = ctx.lag.filter([...ctx.org.users.values()]).filter(pred);
    const page = matches.slice(startIndex - 1, startIndex - 1 + count);
    return reply.type('application/scim+json').send({
      schemas: [LIST_SCHEMA],
      totalResults: matches.length,
      startIndex,
      itemsPerPage: page.length,
      Resources: page.map((u) => readView(ctx, u)),
    });
  });
  app.post(base, async (req, reply) => {
    const u = createScimUser(ctx.org, req.body);
    ctx.lag.created(u.id);
    return send(reply, ctx, u, 201);
  });
  app.get(`${base}/:id`, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const u = userOr404(ctx, id);
    if (!ctx.lag.visible(u.id)) throw notFound('User', id);
    return send(reply, ctx, u, 200, true);
  });
  app.put(`${base}/:id`, async (req, reply) => {
    const u = userOr404(ctx, (req.params as { id: string }).id);
    checkIfMatch(req, u);
    changingUser(ctx, u);
    return send(reply, ctx, replaceScimUser(ctx.org, u, req.body));
  });
  app.patch(`${base}/:id`, async (req, reply) => {
    const u = userOr404(ctx, (req.params as { id: string }).id);
    checkIfMatch(req, u);
    changingUser(ctx, u);
    return send(reply, ctx, patchScimUser(ctx.org, u, req.body, ctx.baseUrl));
  });
  app.delete(`${base}/:id`, async (req, reply) => {
    const u = userOr404(ctx, (req.params as { id: string }).id);
    ctx.org.users.delete(u.id);
    for (const q of ctx.org.queues.values()) q.members.delete(u.id);
    return reply.code(204).send();
  });
}
