// The core's Directory, built from what EXCS's mapping API answers (DESIGN §4): in-scope active users by
// agent login and employee id, extensions and queues by DN number and switch, wrap-up codes by name, the
// presence source. A pure snapshot; directory-watcher.ts keeps it current.
import { z } from 'zod';
import type { Directory, MappedUser } from '../core/api.ts';

const dbid = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

export const mappingSchemas = {
  users: z.array(
    z.object({
      dbid,
      userName: z.string(),
      employeeId: z.string().nullish(),
      cloudId: z.string().nullish(),
      active: z.boolean().default(true),
      isAgent: z.boolean().optional(),
      agentLogins: z.array(z.object({ code: z.string(), switch: z.string().nullish() })).optional(),
    }),
  ),
  queues: z.array(
    z.object({
      // Not used here; a mappings file written by hand may leave it out.
      dbid: dbid.optional(),
      name: z.string(),
      queueName: z.string().optional(),
      switch: z.string().nullish(),
      cloudId: z.string().nullish(),
      active: z.boolean().default(true),
    }),
  ),
  extensions: z.array(
    z.object({ dbid, number: z.string(), switch: z.string().nullish(), agentDbid: dbid.nullish() }),
  ),
  wrapupcodes: z.array(z.object({ name: z.string(), cloudId: z.string().nullish() })),
};

/** One mapping answer as a file may hold it: the array, `{"<kind>": [...]}`, or EXCS's whole `{"data": …}`. */
function answer<T>(arr: z.ZodType<T[], unknown>, kind: string) {
  const inner = z.object({ [kind]: arr }).transform((o) => o[kind] as T[]);
  return z
    .union([arr, inner, z.object({ data: inner }).transform((o) => o.data)])
    .optional()
    .transform((v) => v ?? []);
}
const sourceAnswer = z.object({ cloudId: z.string().nullish() });

/**
 * What `GET /api/v1/mappings/{users,queues,extensions,wrapupcodes,source}` answers, gathered in one
 * object (the replay's `--mappings` file), as Mappings.
 */
export const mappingsFileSchema = z
  .object({
    users: answer(mappingSchemas.users, 'users'),
    queues: answer(mappingSchemas.queues, 'queues'),
    extensions: answer(mappingSchemas.extensions, 'extensions'),
    wrapupcodes: answer(mappingSchemas.wrapupcodes, 'wrapupcodes'),
    source: z.union([sourceAnswer, z.object({ data: sourceAnswer }).transform((o) => o.data)]).optional(),
  })
  .transform((m): Mappings => ({
    users: m.users,
    queues: m.queues,
    extensions: m.extensions,
    wrapupcodes: m.wrapupcodes,
    sourceId: m.source?.cloudId ?? undefined,
  }));

export interface Mappings {
  users: z.infer<typeof mappingSchemas.users>;
  queues: z.infer<typeof mappingSchemas.queues>;
  extensions: z.infer<typeof mappingSchemas.extensions>;
  wrapupcodes: z.infer<typeof mappingSchemas.wrapupcodes>;
  sourceId: string | undefined;
}

export interface DirectorySnapshot extends Directory {
  /** DNs to register on the VQ link (queue DNs) and on the agent link (extension DNs). */
  queueDns: string[];
  extensionDns: string[];
  /** Switches a DN number belongs to, for naming the site of a DN event. */
  switchesOfQueue(number: string): string[];
  switchesOfExtension(number: string): string[];
  /** Every switch the extensions are on. */
  extensionSwitches: string[];
  counts: { users: number; queues: number; extensions: number; wrapupcodes: number };
}

const at = (n: string, site: string | null | undefined) => `${site ?? ''}/${n}`;

function multi<T>(entries: Iterable<[string, T]>): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const [k, v] of entries) {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  }
  return m;
}

/** Looks a DN up on its switch, else (a site the mapping does not name) on the one switch that has it. */
function onSite<T>(
  exact: Map<string, T>,
  any: Map<string, T[]>,
  number: string,
  site: string,
): T | undefined {
  const hit = exact.get(at(number, site));
  if (hit) return hit;
  const all = any.get(number);
  return all?.length === 1 ? all[0] : undefined;
}

export function buildDirectory(m: Mappings): DirectorySnapshot {
  const users = m.users.filter((u) => u.active && u.cloudId && u.isAgent !== false);
  const mapped = (u: (typeof users)[number]): MappedUser => ({
    dbid: u.dbid,
    cloudId: u.cloudId as string,
    userName: u.userName,
    employeeId: u.employeeId ?? '',
  });
  const byEmployee = new Map(
    users.filter((u) => u.employeeId).map((u) => [u.employeeId as string, mapped(u)]),
  );
  const byLoginExact = new Map<string, MappedUser>();
  const byLogin = multi<MappedUser>(
    users.flatMap((u) => (u.agentLogins ?? []).map((l): [string, MappedUser] => [l.code, mapped(u)])),
  );
  for (const u of users)
    for (const l of u.agentLogins ?? []) byLoginExact.set(at(l.code, l.switch), mapped(u));

  const queues = m.queues.filter((q) => q.active && q.cloudId);
  const queueValue = (q: (typeof queues)[number]) => ({
    cloudId: q.cloudId as string,
    name: q.queueName ?? q.name,
  });
  const queueExact = new Map(queues.map((q) => [at(q.name, q.switch), queueValue(q)]));
  const queueAny = multi(queues.map((q) => [q.name, queueValue(q)]));
  const queueSwitches = multi(m.queues.filter((q) => q.switch).map((q) => [q.name, q.switch as string]));

  const extValue = (e: Mappings['extensions'][number]) => ({
    dbid: e.dbid,
    ...(e.agentDbid !== undefined && e.agentDbid !== null ? { agentDbid: e.agentDbid } : {}),
  });
  const extExact = new Map(m.extensions.map((e) => [at(e.number, e.switch), extValue(e)]));
  const extAny = multi(m.extensions.map((e) => [e.number, extValue(e)]));
  const extSwitches = multi(m.extensions.filter((e) => e.switch).map((e) => [e.number, e.switch as string]));
  const wrapups = new Map(
    m.wrapupcodes.filter((w) => w.cloudId).map((w) => [w.name, { cloudId: w.cloudId as string }]),
  );

  return {
    sourceId: m.sourceId,
    userByAgentLogin: (login, site) =>
      byLoginExact.get(at(login, site)) ?? onSite(new Map(), byLogin, login, site),
    userByEmployeeId: (id) => byEmployee.get(id),
    extension: (number, site) => onSite(extExact, extAny, number, site),
    queueByDn: (number, site) => onSite(queueExact, queueAny, number, site),
    wrapupCodeByName: (name) => wrapups.get(name),
    queueDns: [...new Set(m.queues.filter((q) => q.active).map((q) => q.name))],
    extensionDns: [...new Set(m.extensions.map((e) => e.number))],
    switchesOfQueue: (n) => queueSwitches.get(n) ?? [],
    switchesOfExtension: (n) => extSwitches.get(n) ?? [],
    extensionSwitches: [...new Set(m.extensions.flatMap((e) => (e.switch ? [e.switch] : [])))],
    counts: {
      users: users.length,
      queues: queues.length,
      extensions: m.extensions.length,
      wrapupcodes: wrapups.size,
    },
  };
}
