// EXCS HTTP: /status (seed 003 shape), the settings EXAS and EXCP read (DESIGN §3), the mapping API with a
// version/ETag for cheap polling (DESIGN §4), and plan/preflight as the CLI shows them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError, Reply } from '../../../core/http/envelope.ts';
import type { SyncEngine } from '../engine.ts';
import { countOps, describeOp, formatPlan } from '../planner/summary.ts';
import { statusMessage } from '../status.ts';
import type { MappingStore } from '../store/mappingStore.ts';
import type { RoleView } from '../writerRole.ts';
import { FILTERS, listMappings, type MappingKind } from './mappings.ts';
import { settingsAnswer } from './settings.ts';

const ConfirmBody = z.object({ planId: z.string().regex(/^deact-[0-9a-f]{16}$/) }).strict();

export const SETTINGS_SECTIONS = ['general', 'agent_state_sync', 'conversation_provider'] as const;

export function registerRoutes(
  app: FastifyInstance,
  deps: {
    engine: SyncEngine;
    mapping: MappingStore;
    role: () => RoleView;
    /** Records an operator's confirmation of a held plan (the store, where the engine looks). */
    confirm(planId: string): Promise<void>;
    orgId?: string;
    /** EXEC_API_TOKEN is set (so every /api/* caller holds it): secrets may be served. */
    servesSecrets: boolean;
  },
): void {
  const { engine, mapping } = deps;

  app.get('/status', async () => {
    const writer = deps.role();
    const message =
      writer.role === 'standby'
        ? `Standby: serving the mappings read-only while ${writer.leaseHolder ?? 'another instance'} writes`
        : statusMessage(engine.status, deps.orgId);
    return new Reply({ ...engine.status, writer }, message);
  });

  app.get<{ Params: { section: string } }>('/api/v1/settings/:section', async (req) => {
    const section = req.params.section;
    if (!(SETTINGS_SECTIONS as readonly string[]).includes(section)) {
      throw new ApiError(
        404,
        `Unknown settings section "${section}" (expected ${SETTINGS_SECTIONS.join(', ')})`,
        40401,
      );
    }
    const tx = engine.snapshot?.hybridIntegration;
    if (!engine.snapshot) throw new ApiError(503, 'The Config DB has not been read yet', 50301);
    if (!tx) throw new ApiError(404, 'The hybrid_integration transaction is missing in the Config DB', 40402);
    return settingsAnswer(section, tx.sections[section] ?? {}, deps.servesSecrets);
  });

  const kinds = Object.keys(FILTERS) as MappingKind[];
  for (const kind of kinds) {
    app.get(`/api/v1/mappings/${kind}`, async (req, reply) => {
      const parsed = FILTERS[kind].safeParse(req.query);
      if (!parsed.success) {
        const what = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'query'}: ${i.message}`)
          .join('; ');
        throw new ApiError(400, `Invalid filter for /api/v1/mappings/${kind}: ${what}`, 40003);
      }
      const etag = `"${mapping.version}"`;
      void reply.header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return { version: mapping.version, [kind]: listMappings(mapping, kind, parsed.data) };
    });
  }
  app.get('/api/v1/mappings/source', async (_req, reply) => {
    void reply.header('etag', `"${mapping.version}"`);
    if (!mapping.source) throw new ApiError(404, 'The presence source is not created yet', 40403);
    return { version: mapping.version, cloudId: mapping.source.cloudId, name: mapping.source.name };
  });

  app.get<{ Querystring: { full?: string } }>('/api/v1/plan', async (req) => {
    const { plan, held } = await engine.preview(req.query.full === 'true');
    return {
      counts: countOps(plan),
      operations: plan.ops.map((o) => ({ op: o.op, description: describeOp(o) })),
      tombstones: plan.tombstones,
      notes: plan.notes,
      ...(held ? { held } : {}),
      text: formatPlan(plan, { held }),
    };
  });

  app.post('/api/v1/sync/confirm', async (req) => {
    const parsed = ConfirmBody.safeParse(
      typeof req.body === 'string' ? { planId: req.body.trim() } : req.body,
    );
    if (!parsed.success) {
      throw new ApiError(
        400,
        'The body must be the held plan\'s id: {"planId":"deact-…"} or the id as text',
        40004,
      );
    }
    const held = engine.status.held;
    if (!held || held.planId !== parsed.data.planId) {
      throw new ApiError(
        409,
        held
          ? `Plan ${parsed.data.planId} is not the held plan (${held.planId}): look at /status or GET /api/v1/plan again`
          : `No plan is held: nothing to confirm`,
        40901,
      );
    }
    await deps.confirm(held.planId);
    return new Reply(
      { planId: held.planId, deactivations: held.deactivations },
      `Plan ${held.planId} confirmed: the next pass applies it`,
    );
  });

  app.get('/api/v1/preflight', async () => {
    const { findings, text } = await engine.preflight();
    return {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      findings,
      text,
    };
  });
}
