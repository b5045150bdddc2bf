// Transcription settings and speech & text analytics: settings, programs, queue-program mappings.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { badRequest, invalidValue } from '../errors.ts';
import { isUuid, nowIso } from '../ids.ts';
import { getOrThrow } from '../ops/routing-ops.ts';
import { all, first, nextPageListing, type Query } from '../paging.ts';
import type { Org, Program } from '../state.ts';

const TRANSCRIPTION = new Set(['Disabled', 'EnabledGlobally', 'EnabledQueueFlow']);
const BOOL_FIELDS = [
  'lowLatencyTranscriptionEnabled',
  'contentSearchEnabled',
  'pciDssRedactionEnabled',
  'piiRedactionEnabled',
] as const;

export function setTranscription(org: Org, body: unknown): void {
  const b = (body ?? {}) as Record<string, unknown>;
  if (!TRANSCRIPTION.has(b.transcription as string))
    throw invalidValue(
      'transcription',
      'transcription must be Disabled, EnabledGlobally or EnabledQueueFlow',
    );
  const t = b.transcriptionConfidenceThreshold;
  if (!(Number.isInteger(t) && (t as number) >= 1 && (t as number) <= 100))
    throw invalidValue(
      'transcriptionConfidenceThreshold',
      'transcriptionConfidenceThreshold must be from 1 to 100',
    );
  const next = {
    transcription: b.transcription as string,
    transcriptionConfidenceThreshold: t as number,
  } as Org['transcription'];
  for (const f of BOOL_FIELDS) next[f] = b[f] === true;
  org.transcription = next;
}

const ref = (id: string, name?: string) => ({
  id,
  name,
  selfUri: `/api/v2/speechandtextanalytics/programs/${id}`,
});
const programView = (p: Program) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  published: p.published,
  tags: p.tags,
  topicsCount: 0,
  dateModified: p.dateModified,
  selfUri: `/api/v2/speechandtextanalytics/programs/${p.id}`,
});
const mappingsView = (org: Org, p: Program) => ({
  program: ref(p.id, p.name),
  queues: p.queueIds.map((id) => ({
    id,
    name: org.queues.get(id)?.name,
    selfUri: `/api/v2/routing/queues/${id}`,
  })),
  flows: p.flowIds.map((id) => ({ id, selfUri: `/api/v2/flows/${id}` })),
  modifiedBy: { id: 'exec-lab' },
  dateModified: p.mappingsModified,
});

export function setProgramMappings(org: Org, p: Program, body: unknown): void {
  const b = (body ?? {}) as Record<string, unknown>;
  if (!Array.isArray(b.queueIds) || !Array.isArray(b.flowIds))
    throw badRequest('queueIds and flowIds are required arrays');
  for (const id of b.queueIds)
    if (!isUuid(id) || !org.queues.has(id))
      throw invalidValue('queueIds', `queue ${String(id)} does not exist`);
  for (const id of b.flowIds)
    if (!isUuid(id)) throw invalidValue('flowIds', `flowId ${String(id)} must be a UUID`);
  p.queueIds = [...new Set(b.queueIds as string[])];
  p.flowIds = [...new Set(b.flowIds as string[])];
  p.mappingsModified = nowIso();
}

export function registerStaRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/api/v2/routing/settings/transcription', async () => ctx.org.transcription);
  app.put('/api/v2/routing/settings/transcription', async (req) => {
    setTranscription(ctx.org, req.body);
    return ctx.org.transcription;
  });

  const settingsView = () => {
    const s = ctx.org.staSettings;
    const def = s.defaultProgramId ? ctx.org.programs.get(s.defaultProgramId) : undefined;
    return {
      defaultProgram: def ? ref(def.id, def.name) : undefined,
      expectedDialects: s.expectedDialects,
      textAnalyticsEnabled: s.textAnalyticsEnabled,
      agentEmpathyEnabled: s.agentEmpathyEnabled,
    };
  };
  const sta = '/api/v2/speechandtextanalytics';
  app.get(`${sta}/settings`, async () => settingsView());
  const patchSettings = async (req: { body: unknown }) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const s = ctx.org.staSettings;
    if (b.defaultProgramId !== undefined)
      s.defaultProgramId = getOrThrow(ctx.org.programs, String(b.defaultProgramId), 'Program').id;
    if (Array.isArray(b.expectedDialects)) s.expectedDialects = b.expectedDialects.map(String);
    if (typeof b.textAnalyticsEnabled === 'boolean') s.textAnalyticsEnabled = b.textAnalyticsEnabled;
    if (typeof b.agentEmpathyEnabled === 'boolean') s.agentEmpathyEnabled = b.agentEmpathyEnabled;
    return settingsView();
  };
  app.patch(`${sta}/settings`, patchSettings);
  app.put(`${sta}/settings`, patchSettings);

  app.get(`${sta}/programs`, async (req) => {
    const q = req.query as Query;
    const name = first(q.name)?.toLowerCase();
    const ids = new Set(all(q.ids));
    if (ids.size > 50) throw badRequest('At most 50 ids are allowed');
    const state = first(q.state);
    const list = [...ctx.org.programs.values()].filter(
      (p) =>
        (!name || p.name.toLowerCase().includes(name)) &&
        (ids.size === 0 || ids.has(p.id)) &&
        (state !== 'Published' || p.published),
    );
    return nextPageListing(list.map(programView), q, `${sta}/programs`);
  });
  app.get(`${sta}/programs/mappings`, async (req) =>
    nextPageListing(
      [...ctx.org.programs.values()].map((p) => mappingsView(ctx.org, p)),
      req.query as Query,
      `${sta}/programs/mappings`,
    ),
  );
  app.get(`${sta}/programs/:id`, async (req) =>
    programView(getOrThrow(ctx.org.programs, (req.params as { id: string }).id, 'Program')),
  );
  app.get(`${sta}/programs/:id/mappings`, async (req) =>
    mappingsView(ctx.org, getOrThrow(ctx.org.programs, (req.params as { id: string }).id, 'Program')),
  );
  app.put(`${sta}/programs/:id/mappings`, async (req) => {
    const p = getOrThrow(ctx.org.programs, (req.params as { id: string }).id, 'Program');
    setProgramMappings(ctx.org, p, req.body);
    return mappingsView(ctx.org, p);
  });
}
