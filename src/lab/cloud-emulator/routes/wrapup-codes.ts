// /api/v2/routing/wrapupcodes.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { createWrapupCode, deleteWrapupCode, getOrThrow, updateWrapupCode } from '../ops/routing-ops.ts';
import { all, entityListing, first, nameMatcher, pageParams, type Query } from '../paging.ts';
import { notFound } from '../errors.ts';
import type { Org, WrapupCode } from '../state.ts';

export function wrapupCodeView(org: Org, c: WrapupCode) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    division: {
      id: c.divisionId,
      name: org.divisions.get(c.divisionId)?.name,
      selfUri: `/api/v2/authorization/divisions/${c.divisionId}`,
    },
    dateCreated: c.dateCreated,
    dateModified: c.dateModified,
    createdBy: 'exec-lab',
    selfUri: `/api/v2/routing/wrapupcodes/${c.id}`,
  };
}

export function registerWrapupCodeRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const base = '/api/v2/routing/wrapupcodes';
  app.get(base, async (req) => {
    const q = req.query as Query;
    const name = first(q.name);
    const match = name ? nameMatcher(name) : () => true;
    const ids = new Set(all(q.id));
    const divisions = new Set(all(q.divisionId));
    const list = ctx.lag
      .filter([...ctx.org.wrapupCodes.values()])
      .filter(
        (c) =>
          match(c.name) &&
          (ids.size === 0 || ids.has(c.id)) &&
          (divisions.size === 0 || divisions.has(c.divisionId)),
      );
    return entityListing(
      list.map((c) => wrapupCodeView(ctx.org, c)),
      pageParams(q, 500),
      base,
      q,
    );
  });
  app.post(base, async (req) => {
    const c = createWrapupCode(ctx.org, req.body);
    ctx.lag.created(c.id);
    return wrapupCodeView(ctx.org, c);
  });
  app.get(`${base}/:id`, async (req) => {
    const id = (req.params as { id: string }).id;
    const c = getOrThrow(ctx.org.wrapupCodes, id, 'Wrap-up code');
    if (!ctx.lag.visible(c.id)) throw notFound('Wrap-up code', id);
    return wrapupCodeView(ctx.org, c);
  });
  app.put(`${base}/:id`, async (req) =>
    wrapupCodeView(ctx.org, updateWrapupCode(ctx.org, (req.params as { id: string }).id, req.body)),
  );
  app.delete(`${base}/:id`, async (req, reply) => {
    deleteWrapupCode(ctx.org, (req.params as { id: string }).id);
    return reply.code(200).send();
  });
}
