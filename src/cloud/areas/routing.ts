// Routing: skills, languages, wrap-up codes, user skill and language assignments, transcription settings;
// queues (members, queue wrap-up codes) come from routing-queues.ts under the same `client.routing`.
import type { Models } from 'purecloud-platform-client-v2';
import { BULK_LIMITS, inChunks } from '../bulk.ts';
import { retryConflicts } from '../conflict.ts';
import { createOnce } from '../create-once.ts';
import { collect, pageNumberPages } from '../paging.ts';
import { seg, type AreaContext } from './context.ts';
import { routingQueues } from './routing-queues.ts';

const area = 'routing';

const byName = <T extends { name?: string }>(items: T[], name: string): T | undefined =>
  items.find((x) => x.name?.toLowerCase() === name.toLowerCase());

export function routingArea(ctx: AreaContext) {
  const t = ctx.transport;
  const listing = <T>(path: string, query: Record<string, string | string[] | undefined> = {}) =>
    pageNumberPages<T>((pageNumber, pageSize) =>
      t.call<{ entities?: T[]; pageCount?: number; total?: number; nextUri?: string }>({
        area,
        method: 'GET',
        path,
        query: { pageNumber, pageSize, ...query },
      }),
    );

  /** One skills bulk call; a version conflict means it was not made, so it is made again. */
  const userSkillsCall = (userId: string, method: 'PUT' | 'PATCH', part: Models.UserRoutingSkillPost[]) =>
    retryConflicts(
      () =>
        t.call<Models.UserSkillEntityListing>({
          area,
          method,
          path: `/api/v2/users/${seg(userId)}/routingskills/bulk`,
          body: part,
        }),
      { backoff: ctx.backoff },
    );

  const api = {
    ...routingQueues(ctx),

    skills(o: { name?: string; id?: string[] } = {}): AsyncGenerator<Models.RoutingSkill> {
      return listing('/api/v2/routing/skills', { name: o.name, id: o.id });
    },
    listSkills(o: { name?: string; id?: string[] } = {}): Promise<Models.RoutingSkill[]> {
      return collect(api.skills(o));
    },
    /** `?name=` is a prefix match; this picks the exact (case-insensitive) one. */
    async findSkillByName(name: string): Promise<Models.RoutingSkill | undefined> {
      return byName(await api.listSkills({ name }), name);
    },
    createSkill(body: Models.CreateRoutingSkill): Promise<Models.RoutingSkill> {
      return t.call({ area, method: 'POST', path: '/api/v2/routing/skills', body });
    },
    createSkillOnce(body: Models.CreateRoutingSkill): Promise<Models.RoutingSkill> {
      return createOnce({
        create: () => api.createSkill(body),
        find: () => api.findSkillByName(body.name),
        backoff: ctx.backoff,
      });
    },
    deleteSkill(id: string): Promise<void> {
      return t.call({ area, method: 'DELETE', path: `/api/v2/routing/skills/${seg(id)}` });
    },

    languages(o: { name?: string } = {}): AsyncGenerator<Models.Language> {
      return listing('/api/v2/routing/languages', { name: o.name });
    },
    listLanguages(o: { name?: string } = {}): Promise<Models.Language[]> {
      return collect(api.languages(o));
    },
    async findLanguageByName(name: string): Promise<Models.Language | undefined> {
      return byName(await api.listLanguages({ name }), name);
    },
    createLanguage(body: Models.Language): Promise<Models.Language> {
      return t.call({ area, method: 'POST', path: '/api/v2/routing/languages', body });
    },
    createLanguageOnce(body: Models.Language): Promise<Models.Language> {
      return createOnce({
        create: () => api.createLanguage(body),
        find: () => api.findLanguageByName(body.name),
        backoff: ctx.backoff,
      });
    },

    wrapupCodes(o: { name?: string; divisionId?: string[] } = {}): AsyncGenerator<Models.WrapupCode> {
      return listing('/api/v2/routing/wrapupcodes', { name: o.name, divisionId: o.divisionId });
    },
    listWrapupCodes(o: { name?: string; divisionId?: string[] } = {}): Promise<Models.WrapupCode[]> {
      return collect(api.wrapupCodes(o));
    },
    async findWrapupCodeByName(name: string): Promise<Models.WrapupCode | undefined> {
      return byName(await api.listWrapupCodes({ name }), name);
    },
    createWrapupCode(body: Models.WrapupCodeRequest): Promise<Models.WrapupCode> {
      return t.call({ area, method: 'POST', path: '/api/v2/routing/wrapupcodes', body });
    },
    createWrapupCodeOnce(body: Models.WrapupCodeRequest): Promise<Models.WrapupCode> {
      return createOnce({
        create: () => api.createWrapupCode(body),
        find: () => api.findWrapupCodeByName(body.name),
        backoff: ctx.backoff,
      });
    },
    updateWrapupCode(id: string, body: Models.WrapupCodeRequest): Promise<Models.WrapupCode> {
      return t.call({ area, method: 'PUT', path: `/api/v2/routing/wrapupcodes/${seg(id)}`, body });
    },
    deleteWrapupCode(id: string): Promise<void> {
      return t.call({ area, method: 'DELETE', path: `/api/v2/routing/wrapupcodes/${seg(id)}` });
    },

    userSkills(userId: string): AsyncGenerator<Models.UserRoutingSkill> {
      return listing(`/api/v2/users/${seg(userId)}/routingskills`);
    },
    /**
     * Replaces all of the user's skills: PUT …/routingskills/bulk with the first 50, PATCH with the rest
     * (50 per call). Each call is repeated after a version conflict. Resolves with the calls made.
     */
    async setUserSkills(userId: string, skills: Models.UserRoutingSkillPost[]): Promise<number> {
      if (!skills.length) {
        await userSkillsCall(userId, 'PUT', []);
        return 1;
      }
      const calls = await inChunks(skills, BULK_LIMITS.userRoutingSkills, (part, i) =>
        userSkillsCall(userId, i === 0 ? 'PUT' : 'PATCH', part),
      );
      return calls.length;
    },
    /** Adds or updates skills, keeping the others (PATCH …/routingskills/bulk, 50 per call). */
    async addUserSkills(userId: string, skills: Models.UserRoutingSkillPost[]): Promise<number> {
      const calls = await inChunks(skills, BULK_LIMITS.userRoutingSkills, (part) =>
        userSkillsCall(userId, 'PATCH', part),
      );
      return calls.length;
    },
    removeUserSkill(userId: string, skillId: string): Promise<void> {
      return retryConflicts(
        () =>
          t.call({
            area,
            method: 'DELETE',
            path: `/api/v2/users/${seg(userId)}/routingskills/${seg(skillId)}`,
          }),
        { backoff: ctx.backoff },
      );
    },
    /** Adds or updates languages, 50 per call, each repeated after a version conflict. */
    async addUserLanguages(userId: string, languages: Models.UserRoutingLanguagePost[]): Promise<number> {
      const calls = await inChunks(languages, BULK_LIMITS.userRoutingLanguages, (part) =>
        retryConflicts(
          () =>
            t.call<Models.UserLanguageEntityListing>({
              area,
              method: 'PATCH',
              path: `/api/v2/users/${seg(userId)}/routinglanguages/bulk`,
              body: part,
            }),
          { backoff: ctx.backoff },
        ),
      );
      return calls.length;
    },

    transcriptionSettings(): Promise<Models.TranscriptionSettings> {
      return t.call({ area, method: 'GET', path: '/api/v2/routing/settings/transcription' });
    },
    setTranscriptionSettings(body: Models.TranscriptionSettings): Promise<Models.TranscriptionSettings> {
      return t.call({ area, method: 'PUT', path: '/api/v2/routing/settings/transcription', body });
    },
  };
  return api;
}

export type RoutingApi = ReturnType<typeof routingArea>;
