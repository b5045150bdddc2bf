// The mapping API (DESIGN §4) as pure functions of the mapping store: filters, entries, the version.
import { z } from 'zod';
import type { MappingStore } from '../store/mappingStore.ts';

const dbid = z.coerce.number().int().nonnegative();
export const FILTERS = {
  users: z
    .object({
      dbid: dbid.optional(),
      userName: z.string().min(1).optional(),
      employeeId: z.string().min(1).optional(),
      agentLogin: z.string().min(1).optional(),
      switch: z.string().min(1).optional(),
    })
    .strict(),
  skills: z.object({ dbid: dbid.optional(), name: z.string().min(1).optional() }).strict(),
  queues: z
    .object({
      dbid: dbid.optional(),
      name: z.string().min(1).optional(),
      number: z.string().min(1).optional(),
      switch: z.string().min(1).optional(),
    })
    .strict(),
  wrapupcodes: z.object({ name: z.string().min(1).optional() }).strict(),
  extensions: z
    .object({
      dbid: dbid.optional(),
      number: z.string().min(1).optional(),
      switch: z.string().min(1).optional(),
      agentDbid: dbid.optional(),
    })
    .strict(),
} as const;

export type MappingKind = keyof typeof FILTERS;
const eqi = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function listMappings(m: MappingStore, kind: MappingKind, f: Record<string, unknown>): unknown[] {
  switch (kind) {
    case 'users': {
      const q = f as z.infer<typeof FILTERS.users>;
      return [...m.users]
        .filter(
          ([d, u]) =>
            (q.dbid === undefined || d === q.dbid) &&
            (q.userName === undefined || eqi(u.userName, q.userName) || u.engageUserName === q.userName) &&
            (q.employeeId === undefined || u.employeeId === q.employeeId) &&
            (q.agentLogin === undefined ||
              u.logins.some(
                (l) => l.code === q.agentLogin && (q.switch === undefined || l.switch === q.switch),
              )),
        )
        .map(([d, u]) => ({
          dbid: d,
          userName: u.userName,
          engageUserName: u.engageUserName,
          employeeId: u.employeeId,
          cloudId: u.cloudId,
          active: u.active,
          isAgent: u.isAgent,
          agentLogins: u.logins,
        }));
    }
    case 'skills': {
      const q = f as z.infer<typeof FILTERS.skills>;
      return [...m.skills]
        .filter(
          ([d, s]) => (q.dbid === undefined || d === q.dbid) && (q.name === undefined || s.name === q.name),
        )
        .map(([d, s]) => ({ dbid: d, name: s.name, cloudId: s.cloudId }));
    }
    case 'queues': {
      const q = f as z.infer<typeof FILTERS.queues>;
      return [...m.queues]
        .filter(
          ([d, e]) =>
            (q.dbid === undefined || d === q.dbid) &&
            (q.name === undefined || eqi(e.name, q.name)) &&
            (q.number === undefined || e.number === q.number) &&
            (q.switch === undefined || e.switch === q.switch),
        )
        .map(([d, e]) => ({
          dbid: d,
          name: e.number,
          queueName: e.name,
          switch: e.switch,
          cloudId: e.cloudId,
          active: !e.engageDeleted,
        }));
    }
    case 'wrapupcodes': {
      const q = f as z.infer<typeof FILTERS.wrapupcodes>;
      return [...m.wrapupCodes]
        .filter(([n]) => q.name === undefined || n === q.name)
        .map(([n, w]) => ({ name: n, cloudId: w.cloudId }));
    }
    case 'extensions': {
      const q = f as z.infer<typeof FILTERS.extensions>;
      return [...m.extensions.values()].filter(
        (e) =>
          (q.dbid === undefined || e.dbid === q.dbid) &&
          (q.number === undefined || e.number === q.number) &&
          (q.switch === undefined || e.switch === q.switch) &&
          (q.agentDbid === undefined || e.agentDbid === q.agentDbid),
      );
    }
  }
}
