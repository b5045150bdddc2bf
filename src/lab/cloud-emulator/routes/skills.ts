// /api/v2/routing/skills and /api/v2/routing/languages (no rename endpoint: PATCH only moves divisions).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { createSkill, deleteSkill, getOrThrow } from '../ops/routing-ops.ts';
import { all, entityListing, first, pageParams, type Query } from '../paging.ts';
import { notFound } from '../errors.ts';
import { homeDivision, type Skill } from '../state.ts';

export function registerSkillRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const kind of ['skills', 'languages'] as const) {
    const base = `/api/v2/routing/${kind}`;
    const view = (s: Skill) => ({
      id: s.id,
      name: s.name,
      ...(kind === 'skills'
        ? {
            division: {
              id: s.divisionId ?? homeDivision(ctx.org).id,
              selfUri: `/api/v2/authorization/divisions/${s.divisionId ?? homeDivision(ctx.org).id}`,
            },
          }
        : {}),
      dateModified: s.dateModified,
      state: 'active',
      version: String(s.version),
      selfUri: `${base}/${s.id}`,
    });
    app.get(base, async (req) => {
      const q = req.query as Query;
      // The skills `name` filter matches names that start with the value (case-insensitive).
      const prefix = first(q.name)?.toLowerCase().replace(/\*$/, '');
      const ids = new Set(all(q.id));
      const list = ctx.lag
        .filter([...ctx.org[kind].values()])
        .filter(
          (s) => (!prefix || s.name.toLowerCase().startsWith(prefix)) && (ids.size === 0 || ids.has(s.id)),
        );
      return entityListing(list.map(view), pageParams(q, 500), base, q);
    });
    app.post(base, async (req) => {
      const s = createSkill(ctx.org, kind, req.body);
      ctx.lag.created(s.id);
      return view(s);
    });
    app.get(`${base}/:id`, async (req) => {
      const id = (req.params as { id: string }).id;
      const s = getOrThrow(ctx.org[kind], id, kind);
      if (!ctx.lag.visible(s.id)) throw notFound(kind, id);
      return view(s);
    });
    app.delete(`${base}/:id`, async (req, reply) => {
      deleteSkill(ctx.org, kind, (req.params as { id: string }).id);
      return reply.code(200).send();
    });
  }
}
