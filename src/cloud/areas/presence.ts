// Presence: the "Source" object EXEC registers (every injected event names it) and the presence definitions
// whose ids presence events carry.
import type { Models } from 'purecloud-platform-client-v2';
import { createOnce } from '../create-once.ts';
import { seg, type AreaContext } from './context.ts';

const area = 'presence';

export function presenceArea(ctx: AreaContext) {
  const t = ctx.transport;
  const api = {
    async listSources(o: { deactivated?: boolean } = {}): Promise<Models.Source[]> {
      const res = await t.call<Models.SourceEntityListing>({
        area,
        method: 'GET',
        path: '/api/v2/presence/sources',
        query: { deactivated: o.deactivated },
      });
      return res.entities ?? [];
    },
    async findSourceByName(name: string): Promise<Models.Source | undefined> {
      return (await api.listSources()).find((s) => s.name.toLowerCase() === name.toLowerCase());
    },
    getSource(id: string): Promise<Models.Source> {
      return t.call({ area, method: 'GET', path: `/api/v2/presence/sources/${seg(id)}` });
    },
    createSource(body: Models.Source): Promise<Models.Source> {
      return t.call({ area, method: 'POST', path: '/api/v2/presence/sources', body });
    },
    /** Creates the source unless it exists (looked up by name first: there is one per org). */
    ensureSource(body: Models.Source): Promise<Models.Source> {
      return createOnce({
        create: () => api.createSource(body),
        find: () => api.findSourceByName(body.name),
        backoff: ctx.backoff,
        findFirst: true,
      });
    },
    updateSource(id: string, body: Models.Source): Promise<Models.Source> {
      return t.call({ area, method: 'PUT', path: `/api/v2/presence/sources/${seg(id)}`, body });
    },
    /** Organization presence definitions (`/api/v2/presence/definitions`), system ones included. */
    async listDefinitions(
      o: { deactivated?: boolean; localeCode?: string } = {},
    ): Promise<Models.OrganizationPresenceDefinition[]> {
      const res = await t.call<Models.OrganizationPresenceDefinitionEntityListing>({
        area,
        method: 'GET',
        path: '/api/v2/presence/definitions',
        query: { deactivated: o.deactivated, localeCode: o.localeCode },
      });
      return res.entities ?? [];
    },
    /** systemPresence (`Available`, `Away`, …, as the SDK spells them) → the id of its active system definition. */
    async systemPresenceIds(): Promise<Map<string, string>> {
      const map = new Map<string, string>();
      for (const d of await api.listDefinitions({ deactivated: false })) {
        if (!d.id || !d.systemPresence || d.deactivated) continue;
        // The system definition of a presence wins over user-defined secondary ones.
        if (d.type === 'System' || !map.has(d.systemPresence)) map.set(d.systemPresence, d.id);
      }
      return map;
    },
  };
  return api;
}

export type PresenceApi = ReturnType<typeof presenceArea>;
