// A Directory (api.ts) from what EXCS's mapping API answers (GET /api/v1/mappings/{users,queues,
// wrapupcodes,extensions,source}): validated, then indexed for the tracker's lookups.
import { z } from 'zod';
import type { Directory, MappedUser } from './api.ts';

const list = <T extends z.ZodType>(item: T, key: string) =>
  z.union([z.array(item), z.object({ [key]: z.array(item) }).transform((o) => o[key] as z.infer<T>[])]);

const user = z.object({
  dbid: z.coerce.number(),
  userName: z.string(),
  employeeId: z.string().nullish(),
  cloudId: z.string().nullish(),
  active: z.boolean().default(true),
  agentLogins: z.array(z.object({ code: z.string(), switch: z.string() })).default([]),
});
const queue = z.object({
  name: z.string(),
  switch: z.string().optional(),
  cloudId: z.string().nullish(),
  queueName: z.string().optional(),
  active: z.boolean().default(true),
});
const wrapup = z.object({ name: z.string(), cloudId: z.string().nullish() });
const extension = z.object({
  dbid: z.coerce.number(),
  number: z.string(),
  switch: z.string(),
  agentDbid: z.coerce.number().optional(),
});

/** What the mapping API answers, one entry per endpoint (each the whole answer or just its array). */
export const mappingsSchema = z.object({
  users: list(user, 'users').default([]),
  queues: list(queue, 'queues').default([]),
  wrapupcodes: list(wrapup, 'wrapupcodes').default([]),
  extensions: list(extension, 'extensions').default([]),
  source: z.object({ cloudId: z.string() }).optional(),
});
export type Mappings = z.output<typeof mappingsSchema>;

/** `switch` may be absent in a single-site answer: then the number alone matches. */
const key = (number: string, site: string | undefined): string => `${site ?? '*'}\u0000${number}`;

function lookup<T>(m: Map<string, T>, number: string, site: string): T | undefined {
  return m.get(key(number, site)) ?? m.get(key(number, undefined));
}

export function directoryFromMappings(m: Mappings): Directory {
  const byEmployee = new Map<string, MappedUser>();
  const byLogin = new Map<string, MappedUser>();
  for (const u of m.users) {
    if (!u.active || !u.cloudId) continue;
    const mapped: MappedUser = {
      dbid: u.dbid,
      cloudId: u.cloudId,
      userName: u.userName,
      employeeId: u.employeeId ?? '',
    };
    if (u.employeeId) byEmployee.set(u.employeeId, mapped);
    for (const l of u.agentLogins) byLogin.set(key(l.code, l.switch), mapped);
  }
  const queues = new Map<string, { cloudId: string; name: string }>();
  for (const q of m.queues)
    if (q.active && q.cloudId)
      queues.set(key(q.name, q.switch), { cloudId: q.cloudId, name: q.queueName ?? q.name });
  const codes = new Map<string, { cloudId: string }>();
  for (const w of m.wrapupcodes) if (w.cloudId) codes.set(w.name, { cloudId: w.cloudId });
  const extensions = new Map<string, { dbid: number; agentDbid?: number }>();
  for (const e of m.extensions)
    extensions.set(key(e.number, e.switch), {
      dbid: e.dbid,
      ...(e.agentDbid !== undefined ? { agentDbid: e.agentDbid } : {}),
    });
  return {
    sourceId: m.source?.cloudId,
    userByAgentLogin: (login, site) => lookup(byLogin, login, site),
    userByEmployeeId: (employeeId) => byEmployee.get(employeeId),
    extension: (number, site) => lookup(extensions, number, site),
    queueByDn: (number, site) => lookup(queues, number, site),
    wrapupCodeByName: (name) => codes.get(name),
  };
}
