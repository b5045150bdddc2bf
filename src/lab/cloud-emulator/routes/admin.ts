// The emulator's own admin API under /__emulator/ (DESIGN §6): reset, faults, audit, org, seed, and
// helpers for tests (expire tokens, read an uploaded file).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { badRequest, conflict } from '../errors.ts';
import { isUuid, newId, nowIso } from '../ids.ts';
import { FaultsSchema, presetRules } from '../faults.ts';
import { createSkill, createWrapupCode, getOrThrow } from '../ops/routing-ops.ts';
import { orgView } from '../org-view.ts';
import { findByName } from '../state.ts';
import { createPresenceDefinition } from './presence.ts';
import { setProgramMappings, setTranscription } from './sta.ts';

const SeedSchema = z
  .object({
    roles: z
      .array(
        z.object({
          name: z.string().min(1),
          description: z.string().optional(),
          permissions: z.array(z.string()).optional(),
        }),
      )
      .optional(),
    programs: z
      .array(
        z.object({
          id: z.string().optional(),
          name: z.string().min(1),
          description: z.string().optional(),
          published: z.boolean().optional(),
          queueIds: z.array(z.string()).optional(),
        }),
      )
      .optional(),
    programMappings: z
      .array(
        z.object({
          programId: z.string(),
          queueIds: z.array(z.string()),
          flowIds: z.array(z.string()).default([]),
        }),
      )
      .optional(),
    transcription: z.record(z.string(), z.unknown()).optional(),
    staSettings: z
      .object({ defaultProgramId: z.string().optional(), textAnalyticsEnabled: z.boolean().optional() })
      .optional(),
    presenceDefinitions: z.array(z.record(z.string(), z.unknown())).optional(),
    sources: z.array(z.object({ name: z.string().min(1), description: z.string().optional() })).optional(),
    skills: z.array(z.string().min(1)).optional(),
    languages: z.array(z.string().min(1)).optional(),
    wrapupCodes: z.array(z.string().min(1)).optional(),
  })
  .strict();

export function registerAdminRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const base = '/__emulator';
  app.post(`${base}/reset`, async () => {
    ctx.reset();
    return { reset: true };
  });
  app.get(`${base}/faults`, async () => ctx.faults.describe());
  app.put(`${base}/faults`, async (req) => {
    const parsed = FaultsSchema.safeParse(req.body ?? { rules: [] });
    if (!parsed.success)
      throw badRequest(
        `Invalid faults: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    ctx.faults.set([...parsed.data.rules, ...parsed.data.presets.flatMap(presetRules)]);
    return ctx.faults.describe();
  });
  app.delete(`${base}/faults`, async () => {
    ctx.faults.clear();
    return ctx.faults.describe();
  });
  app.get(`${base}/audit`, async (req) => {
    const q = req.query as { since?: string; limit?: string };
    const since = Number(q.since ?? 0);
    const limit = Number(q.limit ?? 100_000);
    if (!Number.isInteger(since) || since < 0)
      throw badRequest('since must be a sequence number (integer ≥ 0)');
    if (!Number.isInteger(limit) || limit < 1) throw badRequest('limit must be a positive integer');
    return ctx.audit.since(since, limit);
  });
  app.get(`${base}/org`, async () => orgView(ctx.org));
  app.post(`${base}/tokens/expire`, async () => ({ expired: ctx.tokens.expireAll() }));
  app.get(`${base}/uploads/*`, async (req, reply) => {
    const key = decodeURIComponent((req.params as { '*': string })['*']);
    const body = ctx.uploadBodies.get(key);
    if (!body)
      return reply
        .code(404)
        .send({ message: `no uploaded file under ${key}`, status: 404, code: 'not.found' });
    return reply.type('application/octet-stream').send(body);
  });

  app.post(`${base}/seed`, async (req) => {
    const parsed = SeedSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      throw badRequest(
        `Invalid seed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const s = parsed.data;
    const org = ctx.org;
    const out: Record<string, unknown[]> = {};
    out.roles = (s.roles ?? []).map((r) => {
      if (findByName(org.roles, r.name)) throw conflict(`Role "${r.name}" already exists`);
      const role = {
        id: newId(),
        name: r.name,
        description: r.description ?? '',
        permissions: r.permissions ?? [],
        base: false,
        default: false,
      };
      org.roles.set(role.id, role);
      ctx.lag.createdGrantable(role.id);
      return role;
    });
    out.sources = (s.sources ?? []).map((x) => {
      if (findByName(org.sources, x.name)) throw conflict(`Source "${x.name}" already exists`);
      const src = {
        id: newId(),
        name: x.name,
        type: 'User',
        deactivated: false,
        ...(x.description ? { description: x.description } : {}),
      };
      org.sources.set(src.id, src);
      return src;
    });
    out.skills = (s.skills ?? []).map((name) => createSkill(org, 'skills', { name }));
    out.languages = (s.languages ?? []).map((name) => createSkill(org, 'languages', { name }));
    out.wrapupCodes = (s.wrapupCodes ?? []).map((name) => createWrapupCode(org, { name }));
    out.presenceDefinitions = (s.presenceDefinitions ?? []).map((d) => createPresenceDefinition(org, d));
    out.programs = (s.programs ?? []).map((p) => {
      const id = p.id && isUuid(p.id) ? p.id : newId();
      const program = {
        id,
        name: p.name,
        description: p.description ?? '',
        published: p.published ?? true,
        tags: [],
        dateModified: nowIso(),
        queueIds: [],
        flowIds: [],
        mappingsModified: nowIso(),
      };
      org.programs.set(id, program);
      if (p.queueIds) setProgramMappings(org, program, { queueIds: p.queueIds, flowIds: [] });
      return program;
    });
    for (const m of s.programMappings ?? [])
      setProgramMappings(org, getOrThrow(org.programs, m.programId, 'Program'), m);
    if (s.transcription) setTranscription(org, { ...org.transcription, ...s.transcription });
    if (s.staSettings?.defaultProgramId)
      org.staSettings.defaultProgramId = getOrThrow(
        org.programs,
        s.staSettings.defaultProgramId,
        'Program',
      ).id;
    if (s.staSettings?.textAnalyticsEnabled !== undefined)
      org.staSettings.textAnalyticsEnabled = s.staSettings.textAnalyticsEnabled;
    ctx.touch();
    return out;
  });
}
