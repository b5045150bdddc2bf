// Queue members (seed 003, "Synchronization of Queues"): persons of the AGs/VAGs whose annex
// hybrid/WFM_queue_number names a VQ. The value is `<DN>` or `<DN>@<SWITCH>` (several, comma-separated, are
// accepted); a bare `<DN>` that exists on several switches links to each (preflight reports it).
import type { EngageAgentGroup, EngageDn, EngagePerson } from '../model.ts';
import { evalVag, parseVagScript, usesLoggedIn, VagParseError } from './vagScript.ts';

export interface LinkProblem {
  kind: 'dangling' | 'ambiguous' | 'badScript' | 'loggedIn';
  groupDbid: number;
  groupName: string;
  value: string;
  detail: string;
}

export interface QueueLinks {
  /** VQ DN DBID → member person DBIDs. */
  members: Map<number, Set<number>>;
  /** VQ DN DBIDs that at least one group links to. */
  linked: Set<number>;
  problems: LinkProblem[];
}

export function parseQueueRef(value: string): { dn: string; switch?: string }[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => {
      const at = v.lastIndexOf('@');
      return at > 0 ? { dn: v.slice(0, at), switch: v.slice(at + 1) } : { dn: v };
    });
}

/** Members of a group: from its virtual/script when it has one, else its static members. */
export function groupMembers(
  g: EngageAgentGroup,
  persons: readonly EngagePerson[],
  problems: LinkProblem[],
): number[] {
  if (g.vagScript === undefined || g.vagScript.trim() === '') return g.memberDbids;
  try {
    const expr = parseVagScript(g.vagScript);
    if (usesLoggedIn(expr)) {
      problems.push({
        kind: 'loggedIn',
        groupDbid: g.dbid,
        groupName: g.name,
        value: g.vagScript,
        detail: 'LoggedIn(...) depends on run-time state and counts as false',
      });
    }
    return persons
      .filter((p) => evalVag(expr, new Map(p.skills.map((s) => [s.name, s.level]))))
      .map((p) => p.dbid);
  } catch (err) {
    // A parse error, or anything else hostile data provokes: only this group is skipped, by name.
    problems.push({
      kind: 'badScript',
      groupDbid: g.dbid,
      groupName: g.name,
      value: g.vagScript,
      detail: err instanceof VagParseError ? err.message : `cannot evaluate: ${String(err)}`,
    });
    return [];
  }
}

export function resolveQueueLinks(
  groups: readonly EngageAgentGroup[],
  vqs: readonly EngageDn[],
  persons: readonly EngagePerson[],
): QueueLinks {
  const members = new Map<number, Set<number>>();
  const linked = new Set<number>();
  const problems: LinkProblem[] = [];
  for (const g of groups) {
    if (g.wfmQueueNumber === undefined || g.wfmQueueNumber.trim() === '') continue;
    const targets: number[] = [];
    for (const ref of parseQueueRef(g.wfmQueueNumber)) {
      const hits = vqs.filter(
        (d) => d.number === ref.dn && (ref.switch === undefined || d.switch === ref.switch),
      );
      const value = ref.switch === undefined ? ref.dn : `${ref.dn}@${ref.switch}`;
      if (hits.length === 0) {
        problems.push({
          kind: 'dangling',
          groupDbid: g.dbid,
          groupName: g.name,
          value,
          detail: 'no queue DN (of a mapped type) of that name in scope',
        });
      } else if (hits.length > 1) {
        problems.push({
          kind: 'ambiguous',
          groupDbid: g.dbid,
          groupName: g.name,
          value,
          detail: `exists on switches ${hits.map((h) => h.switch).join(', ')}: linked to each; write <DN>@<SWITCH>`,
        });
      }
      targets.push(...hits.map((h) => h.dbid));
    }
    if (targets.length === 0) continue;
    const who = groupMembers(g, persons, problems);
    for (const dbid of targets) {
      linked.add(dbid);
      let set = members.get(dbid);
      if (!set) members.set(dbid, (set = new Set()));
      for (const p of who) set.add(p);
    }
  }
  return { members, linked, problems };
}
