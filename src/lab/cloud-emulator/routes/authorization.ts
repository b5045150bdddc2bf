// /api/v2/authorization: divisions (the Home division) and roles (looked up by name).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { badRequest, invalidValue, notFound } from '../errors.ts';
import { checkProperties } from '../properties.ts';
import { changingUser } from './users.ts';
import { isUuid } from '../ids.ts';
import { getOrThrow } from '../ops/routing-ops.ts';
import { all, entityListing, first, pageParams, type Query } from '../paging.ts';
import { homeDivision, type Division, type Role } from '../state.ts';

/** The objectType enum of POST /authorization/divisions/{id}/objects/{objectType} (no WRAPUPCODE). */
const DIVISION_OBJECT_TYPES = new Set([
  'QUEUE',
  'CAMPAIGN',
  'CONTACTLIST',
  'DNCLIST',
  'EMAILCAMPAIGN',
  'MESSAGINGCAMPAIGN',
  'MANAGEMENTUNIT',
  'BUSINESSUNIT',
  'FLOW',
  'FLOWMILESTONE',
  'FLOWOUTCOME',
  'USER',
  'CALLROUTE',
  'EMERGENCYGROUPS',
  'ROUTINGSCHEDULES',
  'ROUTINGSCHEDULEGROUPS',
  'DATATABLES',
  'TEAM',
  'WORKBIN',
  'WORKTYPE',
  'EXTENSIONPOOL',
  'SKILLGROUP',
  'SCRIPT',
]);

const divisionView = (d: Division) => ({
  id: d.id,
  name: d.name,
  description: d.description,
  homeDivision: d.homeDivision,
  selfUri: `/api/v2/authorization/divisions/${d.id}`,
});

const roleView = (r: Role, userCount: number) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  permissionPolicies: [],
  userCount,
  roleNeedsUpdate: false,
  default: r.default,
  base: r.base,
  selfUri: `/api/v2/authorization/roles/${r.id}`,
});

export function registerAuthorizationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/api/v2/authorization/divisions/home', async () => divisionView(homeDivision(ctx.org)));
  app.get('/api/v2/authorization/divisions', async (req) => {
    const q = req.query as Query;
    const name = first(q.name);
    const list = [...ctx.org.divisions.values()].filter(
      (d) => !name || d.name.toLowerCase() === name.toLowerCase(),
    );
    return entityListing(list.map(divisionView), pageParams(q), '/api/v2/authorization/divisions', q);
  });
  app.get('/api/v2/authorization/divisions/:id', async (req) =>
    divisionView(getOrThrow(ctx.org.divisions, (req.params as { id: string }).id, 'Division')),
  );
  const count = (roleId: string) =>
    [...ctx.org.users.values()].filter((u) => u.roleIds.includes(roleId)).length;
  app.get('/api/v2/authorization/roles', async (req) => {
    const q = req.query as Query;
    const name = first(q.name)?.toLowerCase();
    const ids = new Set(all(q.id));
    const list = [...ctx.org.roles.values()].filter(
      (r) => (!name || r.name.toLowerCase() === name) && (ids.size === 0 || ids.has(r.id)),
    );
    return entityListing(
      list.map((r) => roleView(r, count(r.id))),
      pageParams(q),
      '/api/v2/authorization/roles',
      q,
    );
  });
  // Grants land on the user's roles (the emulator keeps roles per user, not per division). RoleDivisionPair
  // requires both roleId and divisionId; "*" means every division (Genesys's Terraform provider sends it).
  app.post('/api/v2/authorization/subjects/:id/bulkadd', async (req, reply) => {
    const u = getOrThrow(ctx.org.users, (req.params as { id: string }).id, 'Subject');
    checkProperties(req.body, 'RoleDivisionGrants');
    const grants = (req.body as { grants?: unknown } | null)?.grants;
    if (!Array.isArray(grants)) throw badRequest('grants is a required array');
    const roleIds = grants.map((g: { roleId?: unknown; divisionId?: unknown }, i) => {
      checkProperties(g, 'RoleDivisionPair', `grants[${i}].`);
      if (!isUuid(g?.roleId) || !ctx.org.roles.has(g.roleId))
        throw invalidValue(`grants[${i}].roleId`, `role ${String(g?.roleId)} does not exist`);
      if (g.divisionId === undefined) throw invalidValue(`grants[${i}].divisionId`, 'divisionId is required');
      if (g.divisionId !== '*' && !(isUuid(g.divisionId) && ctx.org.divisions.has(g.divisionId)))
        throw invalidValue(`grants[${i}].divisionId`, `division ${String(g.divisionId)} does not exist`);
      // "new roles or divisions have not yet been added to the auth service cache causing 404s that should
      // be retried" (Terraform provider): once, for one created within the consistency delay.
      if (ctx.lag.notYetKnown(g.roleId)) throw notFound('Role', g.roleId);
      if (g.divisionId !== '*' && ctx.lag.notYetKnown(g.divisionId as string))
        throw notFound('Division', g.divisionId as string);
      return g.roleId;
    });
    changingUser(ctx, u);
    u.roleIds = [...new Set([...u.roleIds, ...roleIds])];
    u.version++;
    return reply.code(204).send();
  });
  app.get('/api/v2/authorization/subjects/:id', async (req) => {
    const u = getOrThrow(ctx.org.users, (req.params as { id: string }).id, 'Subject');
    const division = divisionView(getOrThrow(ctx.org.divisions, u.divisionId, 'Division'));
    return {
      id: u.id,
      name: u.displayName,
      grants: u.roleIds.map((id) => ({
        subjectId: u.id,
        division,
        role: { id, name: ctx.org.roles.get(id)?.name },
      })),
      version: u.version,
      selfUri: `/api/v2/authorization/subjects/${u.id}`,
    };
  });
  app.post('/api/v2/authorization/divisions/:id/objects/:type', async (req, reply) => {
    const { id, type } = req.params as { id: string; type: string };
    const division = getOrThrow(ctx.org.divisions, id, 'Division');
    if (!Array.isArray(req.body) || req.body.some((x) => !isUuid(x)))
      throw badRequest('The body must be an array of object ids (UUIDs)');
    const ids = req.body as string[];
    if (!DIVISION_OBJECT_TYPES.has(type))
      throw invalidValue(
        'objectType',
        `objectType ${type} is not one of ${[...DIVISION_OBJECT_TYPES].join(', ')} (wrap-up codes carry their division in WrapupCodeRequest.division)`,
      );
    const map = type === 'USER' ? ctx.org.users : type === 'QUEUE' ? ctx.org.queues : undefined;
    if (!map) throw invalidValue('objectType', `object type ${type} is not emulated (USER and QUEUE are)`);
    for (const x of ids)
      getOrThrow(map as Map<string, { divisionId: string }>, x, type).divisionId = division.id;
    return reply.code(204).send();
  });
  app.get('/api/v2/authorization/roles/:id', async (req) => {
    const r = getOrThrow(ctx.org.roles, (req.params as { id: string }).id, 'Role');
    return roleView(r, count(r.id));
  });
}
