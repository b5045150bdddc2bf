// /api/v2/authorization: divisions (the Home division) and roles (looked up by name).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { getOrThrow } from '../ops/routing-ops.ts';
import { all, entityListing, first, pageParams, type Query } from '../paging.ts';
import { homeDivision, type Division, type Role } from '../state.ts';

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
  app.get('/api/v2/authorization/roles/:id', async (req) => {
    const r = getOrThrow(ctx.org.roles, (req.params as { id: string }).id, 'Role');
    return roleView(r, count(r.id));
  });
}
