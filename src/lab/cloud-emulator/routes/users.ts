// Non-SCIM user endpoints: /api/v2/users[/{id}], routing skill and language assignment, role grants.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorContext as Ctx } from '../context.ts';
import { ApiError, badRequest, invalidValue, notFound } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { getOrThrow } from '../ops/routing-ops.ts';
import { scimUserView } from '../ops/user-ops.ts';
import { all, entityListing, first, pageParams, type Query } from '../paging.ts';
import { checkEachProperties, checkProperties } from '../properties.ts';
import type { Org, User } from '../state.ts';

export function userView(org: Org, u: User) {
  return {
    id: u.id,
    name: u.displayName,
    division: {
      id: u.divisionId,
      name: org.divisions.get(u.divisionId)?.name ?? 'Home',
      selfUri: `/api/v2/authorization/divisions/${u.divisionId}`,
    },
    email: u.userName,
    username: u.userName,
    state: u.active ? 'active' : 'inactive',
    title: u.title,
    version: u.version,
    acdAutoAnswer: false,
    selfUri: `/api/v2/users/${u.id}`,
  };
}

function assignmentView(org: Org, kind: 'skills' | 'languages', u: User) {
  const map = kind === 'skills' ? u.skills : u.languages;
  const seg = kind === 'skills' ? 'routingskills' : 'routinglanguages';
  return [...map].map(([id, proficiency]) => ({
    id,
    name: org[kind].get(id)?.name ?? id,
    proficiency,
    state: 'active',
    [kind === 'skills' ? 'skillUri' : 'languageUri']: `/api/v2/routing/${kind}/${id}`,
    selfUri: `/api/v2/users/${u.id}/${seg}/${id}`,
  }));
}

/** Before a write to a user: what reads (SCIM) see stays the old user for the consistency delay. */
export function changingUser(ctx: Ctx, u: User): void {
  ctx.lag.changing(`user:${u.id}`, () => scimUserView(ctx.org, u, ctx.baseUrl));
}

/** "Bulk API restricts skills adds to 50 per call" (Genesys's Terraform provider); languages: "Max 50". */
export const ASSIGNMENTS_PER_CALL = 50;

function bulkAssignments(
  org: Org,
  kind: 'skills' | 'languages',
  input: unknown,
  limit: number,
): Map<string, number> {
  if (!Array.isArray(input)) throw badRequest('The request body must be an array of {id, proficiency}');
  checkEachProperties(input, kind === 'skills' ? 'UserRoutingSkillPost' : 'UserRoutingLanguagePost');
  if (input.length > limit)
    throw badRequest(`At most ${limit} entries are allowed per request (got ${input.length})`);
  const out = new Map<string, number>();
  for (const [i, e] of input.entries()) {
    const { id, proficiency } = (e ?? {}) as { id?: unknown; proficiency?: unknown };
    if (!isUuid(id)) throw invalidValue(`[${i}].id`, `[${i}].id must be a UUID`);
    if (!org[kind].has(id))
      throw invalidValue(`[${i}].id`, `${kind === 'skills' ? 'skill' : 'language'} ${id} does not exist`);
    if (typeof proficiency !== 'number' || proficiency < 0 || proficiency > 5)
      throw invalidValue(`[${i}].proficiency`, `[${i}].proficiency must be from 0.0 to 5.0`);
    out.set(id, proficiency);
  }
  return out;
}

export function registerUserRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const user = (id: string) => getOrThrow(ctx.org.users, id, 'User');
  const visibleUser = (id: string) => {
    const u = user(id);
    if (!ctx.lag.visible(u.id)) throw notFound('User', id);
    return u;
  };
  app.get('/api/v2/users', async (req) => {
    const q = req.query as Query;
    const ids = new Set(all(q.id));
    const state = first(q.state) ?? 'active';
    const list = ctx.lag
      .filter([...ctx.org.users.values()])
      .filter(
        (u) => (ids.size === 0 || ids.has(u.id)) && (state === 'any' || (state === 'active') === u.active),
      );
    return entityListing(
      list.map((u) => userView(ctx.org, u)),
      pageParams(q, 500),
      '/api/v2/users',
      q,
    );
  });
  app.get('/api/v2/users/:id', async (req) =>
    userView(ctx.org, visibleUser((req.params as { id: string }).id)),
  );
  // UpdateUser: `version` is required and must be the current one (optimistic locking).
  app.patch('/api/v2/users/:id', async (req) => {
    const u = user((req.params as { id: string }).id);
    const b = (req.body ?? {}) as Record<string, unknown>;
    checkProperties(b, 'UpdateUser');
    if (!Number.isInteger(b.version)) throw invalidValue('version', 'version is required');
    if (b.version !== u.version)
      throw new ApiError(
        409,
        'general.conflict',
        `version ${String(b.version)} is not the current version ${u.version} of user ${u.id}`,
      );
    if (b.name !== undefined) {
      if (typeof b.name !== 'string' || !b.name.trim())
        throw invalidValue('name', 'name must be a non-empty string');
      u.displayName = b.name;
    }
    if (b.state !== undefined) {
      if (b.state !== 'active' && b.state !== 'inactive')
        throw invalidValue('state', 'state must be active or inactive');
      u.active = b.state === 'active';
    }
    if (typeof b.title === 'string') u.title = b.title;
    changingUser(ctx, u);
    u.version++;
    u.lastModified = new Date().toISOString();
    return userView(ctx.org, u);
  });

  for (const kind of ['skills', 'languages'] as const) {
    const seg = kind === 'skills' ? 'routingskills' : 'routinglanguages';
    const limit = ASSIGNMENTS_PER_CALL;
    app.get(`/api/v2/users/:id/${seg}`, async (req) => {
      const q = req.query as Query;
      const u = visibleUser((req.params as { id: string }).id);
      return entityListing(
        assignmentView(ctx.org, kind, u),
        pageParams(q, 500),
        `/api/v2/users/${u.id}/${seg}`,
        q,
      );
    });
    const bulk = (replace: boolean) => async (req: { params: unknown; body: unknown; query: unknown }) => {
      const u = user((req.params as { id: string }).id);
      const next = bulkAssignments(ctx.org, kind, req.body, limit);
      changingUser(ctx, u);
      const map = kind === 'skills' ? u.skills : u.languages;
      if (replace) map.clear();
      for (const [id, p] of next) map.set(id, p);
      u.version++;
      const list = assignmentView(ctx.org, kind, u);
      return entityListing(
        list,
        { pageSize: Math.max(25, list.length), pageNumber: 1 },
        `/api/v2/users/${u.id}/${seg}`,
        {},
      );
    };
    if (kind === 'skills') app.put(`/api/v2/users/:id/${seg}/bulk`, bulk(true));
    app.patch(`/api/v2/users/:id/${seg}/bulk`, bulk(false));
  }

  // Single skill assignment: POST adds {id, proficiency}, PUT changes one, DELETE removes one.
  const one = async (u: User, id: unknown, proficiency: unknown) => {
    const next = bulkAssignments(ctx.org, 'skills', [{ id, proficiency }], 1);
    changingUser(ctx, u);
    for (const [sid, p] of next) u.skills.set(sid, p);
    u.version++;
    return assignmentView(ctx.org, 'skills', u).find((s) => s.id === id);
  };
  app.post('/api/v2/users/:id/routingskills', async (req) => {
    const b = (req.body ?? {}) as { id?: unknown; proficiency?: unknown };
    checkProperties(b, 'UserRoutingSkillPost');
    return one(user((req.params as { id: string }).id), b.id, b.proficiency);
  });
  app.put('/api/v2/users/:id/routingskills/:skillId', async (req) => {
    const { id, skillId } = req.params as { id: string; skillId: string };
    return one(user(id), skillId, (req.body as { proficiency?: unknown } | null)?.proficiency);
  });
  app.delete('/api/v2/users/:id/routingskills/:skillId', async (req, reply) => {
    const { id, skillId } = req.params as { id: string; skillId: string };
    const u = user(id);
    changingUser(ctx, u);
    if (!u.skills.delete(skillId)) throw invalidValue('skillId', `user ${id} has no skill ${skillId}`);
    u.version++;
    return reply.code(200).send();
  });

  app.put('/api/v2/users/:id/roles', async (req) => {
    const u = user((req.params as { id: string }).id);
    if (!Array.isArray(req.body)) throw badRequest('The request body must be an array of role ids');
    for (const id of req.body)
      if (!isUuid(id) || !ctx.org.roles.has(id))
        throw invalidValue('roleId', `role ${String(id)} does not exist`);
    changingUser(ctx, u);
    u.roleIds = [...new Set(req.body as string[])];
    u.version++;
    // UserAuthorization (SDK): roles, unusedRoles, permissions, permissionPolicies.
    const roles = u.roleIds.map((id) => ctx.org.roles.get(id));
    return {
      roles: roles.map((r) => ({ id: r?.id, name: r?.name })),
      unusedRoles: [],
      permissions: [...new Set(roles.flatMap((r) => r?.permissions ?? []))],
      permissionPolicies: [],
    };
  });
}
