// Speech and text analytics: the default program, programs, and which program each queue is mapped to
// (the conversation provider picks the topic-detection program of a call's queue from these).
import type { Models } from 'purecloud-platform-client-v2';
import { collect, nextPagePages } from '../paging.ts';
import { seg, type AreaContext } from './context.ts';

const area = 'speechAnalytics';

export function speechAnalyticsArea(ctx: AreaContext) {
  const t = ctx.transport;
  const api = {
    settings(): Promise<Models.SpeechTextAnalyticsSettingsResponse> {
      return t.call({ area, method: 'GET', path: '/api/v2/speechandtextanalytics/settings' });
    },
    updateSettings(
      body: Models.SpeechTextAnalyticsSettingsRequest,
    ): Promise<Models.SpeechTextAnalyticsSettingsResponse> {
      return t.call({ area, method: 'PATCH', path: '/api/v2/speechandtextanalytics/settings', body });
    },
    programs(
      o: { state?: 'Latest' | 'Published'; name?: string; pageSize?: number } = {},
    ): AsyncGenerator<Models.ListedProgram> {
      return nextPagePages((nextPage) =>
        t.call<Models.ProgramsEntityListing>({
          area,
          method: 'GET',
          path: '/api/v2/speechandtextanalytics/programs',
          query: { nextPage, pageSize: o.pageSize ?? 50, state: o.state, name: o.name },
        }),
      );
    },
    listPrograms(o: { state?: 'Latest' | 'Published'; name?: string } = {}): Promise<Models.ListedProgram[]> {
      return collect(api.programs(o));
    },
    /** Every program's queue and flow mappings (nextPage paging). */
    programsMappings(o: { pageSize?: number } = {}): AsyncGenerator<Models.TopicsDefinitionsProgramMappings> {
      return nextPagePages((nextPage) =>
        t.call<Models.TopicsDefinitionsProgramsMappingsEntityListing>({
          area,
          method: 'GET',
          path: '/api/v2/speechandtextanalytics/programs/mappings',
          query: { nextPage, pageSize: o.pageSize ?? 20 },
        }),
      );
    },
    listProgramsMappings(): Promise<Models.TopicsDefinitionsProgramMappings[]> {
      return collect(api.programsMappings());
    },
    /** queue id → program id, from every program's mappings. */
    async queuePrograms(): Promise<Map<string, string>> {
      const map = new Map<string, string>();
      for (const m of await api.listProgramsMappings()) {
        const programId = m.program?.id;
        if (!programId) continue;
        for (const q of m.queues ?? []) if (q.id) map.set(q.id, programId);
      }
      return map;
    },
    programMappings(programId: string): Promise<Models.TopicsDefinitionsProgramMappings> {
      return t.call({
        area,
        method: 'GET',
        path: `/api/v2/speechandtextanalytics/programs/${seg(programId)}/mappings`,
      });
    },
    setProgramMappings(
      programId: string,
      body: Models.ProgramMappingsRequest,
    ): Promise<Models.TopicsDefinitionsProgramMappings> {
      return t.call({
        area,
        method: 'PUT',
        path: `/api/v2/speechandtextanalytics/programs/${seg(programId)}/mappings`,
        body,
      });
    },
  };
  return api;
}

export type SpeechAnalyticsApi = ReturnType<typeof speechAnalyticsArea>;
