// /api/v2/presence: registered sources (the EX "Source" object), presence definitions, primary source.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { badRequest, conflict, invalidValue, notFound } from '../errors.ts';
import { checkProperties } from '../properties.ts';
import { isNonEmptyString, isUuid, newId } from '../ids.ts';
import { getOrThrow } from '../ops/routing-ops.ts';
import { first, type Query } from '../paging.ts';
import {
  findByName,
  homeDivision,
  SYSTEM_PRESENCES,
  type Org,
  type PresenceDefinition,
  type PresenceSource,
} from '../state.ts';

const sourceView = (s: PresenceSource) => ({ ...s, selfUri: `/api/v2/presence/sources/${s.id}` });
const definitionView = (d: PresenceDefinition) => ({
  id: d.id,
  name: d.languageLabels.en_US ?? d.systemPresence,
  type: d.type,
  languageLabels: d.languageLabels,
  systemPresence: d.systemPresence,
  divisionId: d.divisionId,
  deactivated: d.deactivated,
  selfUri: `/api/v2/presence/definitions/${d.id}`,
});

function sourceFields(org: Org, body: unknown, selfId?: string): Omit<PresenceSource, 'id'> {
  const b = (body ?? {}) as Record<string, unknown>;
  checkProperties(b, 'Source');
  if (!isNonEmptyString(b.name)) throw invalidValue('name', 'Source name is required');
  const clash = findByName(org.sources, b.name);
  if (clash && clash.id !== selfId) throw conflict(`Source with name "${b.name}" already exists`);
  if (b.type !== undefined && b.type !== 'System' && b.type !== 'User')
    throw invalidValue('type', 'type must be System or User');
  const s: Omit<PresenceSource, 'id'> = {
    name: b.name,
    type: (b.type as string | undefined) ?? 'User',
    deactivated: b.deactivated === true,
  };
  if (typeof b.description === 'string') s.description = b.description;
  return s;
}

/** A secondary (User) presence definition under one of the system presences. */
export function createPresenceDefinition(org: Org, body: unknown): PresenceDefinition {
  const b = (body ?? {}) as Record<string, unknown>;
  checkProperties(b, 'OrganizationPresenceDefinition');
  if (!(SYSTEM_PRESENCES as readonly unknown[]).includes(b.systemPresence))
    throw invalidValue('systemPresence', `systemPresence must be one of ${SYSTEM_PRESENCES.join(', ')}`);
  const labels = b.languageLabels as Record<string, string> | undefined;
  if (!labels || typeof labels !== 'object' || !isNonEmptyString(Object.values(labels)[0]))
    throw invalidValue('languageLabels', 'languageLabels needs at least one label');
  const d: PresenceDefinition = {
    id: isUuid(b.id) ? b.id : newId(),
    type: 'User',
    systemPresence: b.systemPresence as string,
    languageLabels: labels,
    divisionId: homeDivision(org).id,
    deactivated: b.deactivated === true,
  };
  org.definitions.set(d.id, d);
  return d;
}

export function registerPresenceRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const src = '/api/v2/presence/sources';
  app.get(src, async (req) => {
    const deactivated = first((req.query as Query).deactivated)?.toLowerCase();
    const list = ctx.lag
      .filter([...ctx.org.sources.values()])
      .filter((s) => deactivated === undefined || String(s.deactivated) === deactivated);
    return { total: list.length, entities: list.map(sourceView), selfUri: src };
  });
  app.post(src, async (req) => {
    const s = { id: newId(), ...sourceFields(ctx.org, req.body) };
    ctx.org.sources.set(s.id, s);
    ctx.lag.created(s.id);
    return sourceView(s);
  });
  app.get(`${src}/:id`, async (req) => {
    const id = (req.params as { id: string }).id;
    const s = getOrThrow(ctx.org.sources, id, 'Source');
    if (!ctx.lag.visible(s.id)) throw notFound('Source', id);
    return sourceView(s);
  });
  app.put(`${src}/:id`, async (req) => {
    const s = getOrThrow(ctx.org.sources, (req.params as { id: string }).id, 'Source');
    const next = sourceFields(ctx.org, req.body, s.id);
    if (next.description === undefined) delete s.description;
    Object.assign(s, next);
    return sourceView(s);
  });
  app.delete(`${src}/:id`, async (req, reply) => {
    const s = getOrThrow(ctx.org.sources, (req.params as { id: string }).id, 'Source');
    s.deactivated = true; // sources are deactivated, not erased: old events keep pointing at them
    return reply.code(204).send();
  });

  const defs = '/api/v2/presence/definitions';
  // `deactivated` defaults to false (the swagger's default): deactivated definitions only on request.
  app.get(defs, async (req) => {
    const deactivated = first((req.query as Query).deactivated)?.toLowerCase() ?? 'false';
    if (deactivated !== 'true' && deactivated !== 'false')
      throw invalidValue('deactivated', `deactivated must be true or false (got ${deactivated})`);
    const list = [...ctx.org.definitions.values()].filter((d) => String(d.deactivated) === deactivated);
    return { total: list.length, entities: list.map(definitionView), selfUri: defs };
  });
  app.post(defs, async (req) => definitionView(createPresenceDefinition(ctx.org, req.body)));
  app.get(`${defs}/:id`, async (req) =>
    definitionView(getOrThrow(ctx.org.definitions, (req.params as { id: string }).id, 'Presence definition')),
  );

  app.get('/api/v2/presence/users/:id/primarysource', async (req) => {
    const u = getOrThrow(ctx.org.users, (req.params as { id: string }).id, 'User');
    const sourceId = u.primarySourceId ?? 'PURECLOUD';
    return {
      sourceId,
      registered: u.primarySourceId !== undefined,
      selfUri: `/api/v2/presence/users/${u.id}/primarysource`,
    };
  });
  app.put('/api/v2/presence/users/:id/primarysource', async (req) => {
    const u = getOrThrow(ctx.org.users, (req.params as { id: string }).id, 'User');
    const sourceId = (req.body as { sourceId?: unknown } | null)?.sourceId;
    if (!isUuid(sourceId) || !ctx.org.sources.has(sourceId))
      throw badRequest(`sourceId ${String(sourceId)} is not a registered source`);
    u.primarySourceId = sourceId;
    return { sourceId, registered: true, selfUri: `/api/v2/presence/users/${u.id}/primarysource` };
  });
}
