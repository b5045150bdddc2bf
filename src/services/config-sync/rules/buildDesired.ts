// The mapping rules composed: Engage snapshot → desired EX Org, plus what was skipped and why.
import type { Desired, DesiredQueue, DesiredSkillLevel, DesiredUser, Skipped } from '../desired.ts';
import type { EngageSnapshot } from '../model.ts';
import { mapExtensions } from './extensions.ts';
import { resolveQueueLinks, type LinkProblem } from './members.ts';
import type { RuleOptions } from './options.ts';
import { queueDescription, queueName } from './queues.ts';
import { inScope } from './scope.ts';
import { levelRanges, proficiency } from './skills.ts';
import { isSkipped, mapUser } from './users.ts';
import { wrapupCodeNames } from './wrapupCodes.ts';

export interface DesiredResult {
  desired: Desired;
  linkProblems: LinkProblem[];
}

/** Only what is in sync scope (folder filtering); business attributes are never filtered. */
export function scoped(s: EngageSnapshot, filter: readonly string[] | undefined): EngageSnapshot {
  return {
    ...s,
    persons: s.persons.filter((p) => inScope(p.folders, filter)),
    skills: s.skills.filter((k) => inScope(k.folders, filter)),
    dns: s.dns.filter((d) => inScope(d.folders, filter)),
    agentGroups: s.agentGroups.filter((g) => inScope(g.folders, filter)),
  };
}

export function buildDesired(snapshot: EngageSnapshot, opts: RuleOptions): DesiredResult {
  const s = scoped(snapshot, opts.folderFilter);
  const skillNames = new Set(s.skills.map((k) => k.name));
  const ranges = levelRanges(
    s.persons.map((p) => ({ skills: p.skills.filter((k) => skillNames.has(k.name)) })),
    {
      ...(opts.skillLevelMin !== undefined ? { min: opts.skillLevelMin } : {}),
      ...(opts.skillLevelMax !== undefined ? { max: opts.skillLevelMax } : {}),
    },
  );
  const skipped: Skipped[] = [];
  const users: DesiredUser[] = [];
  for (const p of s.persons) {
    const levels: DesiredSkillLevel[] = p.skills
      .filter((k) => skillNames.has(k.name))
      .map((k) => ({
        name: k.name,
        proficiency: proficiency(k.level, ranges.get(k.name) as { min: number; max: number }),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const u = mapUser(p, opts, levels);
    if (isSkipped(u)) skipped.push(u);
    else users.push(u);
  }
  const activeUsers = new Set(users.filter((u) => u.active).map((u) => u.personDbid));
  const queueDns = s.dns.filter((d) => opts.queueDnTypes.includes(d.type));
  const links = resolveQueueLinks(s.agentGroups, queueDns, s.persons);
  const queues: DesiredQueue[] = queueDns.map((d) => ({
    dnDbid: d.dbid,
    number: d.number,
    switch: d.switch,
    name: queueName(d.number, d.switch, opts.queueNameSuffix),
    description: queueDescription(opts.tenantName, d.switch, d.number, d.lastModified),
    peerId: String(d.dbid),
    memberDbids: [...(links.members.get(d.dbid) ?? [])]
      .filter((p) => activeUsers.has(p))
      .sort((a, b) => a - b),
  }));
  for (const pr of links.problems) {
    if (pr.kind === 'dangling' || pr.kind === 'badScript') {
      skipped.push({
        type: pr.kind === 'dangling' ? 'queueLink' : 'vagScript',
        dbid: pr.groupDbid,
        name: pr.groupName,
        reason: `${pr.value}: ${pr.detail}`,
      });
    }
  }
  return {
    desired: {
      users,
      skills: s.skills.map((k) => ({ dbid: k.dbid, name: k.name })),
      queues,
      wrapupCodes: wrapupCodeNames(s.businessAttributes).map((name) => ({ name })),
      extensions: mapExtensions(s.dns, s.places, s.persons),
      source: { name: opts.sourceName },
      skipped,
    },
    linkProblems: links.problems,
  };
}
