// Preflight (seed 003 "Case-Sensitivity of Object Names", seed 002 "Preparing Engage Configuration"): the
// Engage-side problems an operator should fix before the first sync. Pure: snapshot in, findings out.
import type { EngageSnapshot } from '../model.ts';
import { parseQueueRef } from '../rules/members.ts';
import { QUEUE_DN_TYPES, queueDnTypeName } from '../rules/queueDnTypes.ts';
import { resolveQueueLinks } from '../rules/members.ts';
import type { RuleOptions } from '../rules/options.ts';
import { queueName } from '../rules/queues.ts';
import { scoped } from '../rules/buildDesired.ts';
import { nameProblem, printable } from '../rules/cloudNames.ts';
import { displayNameOf, userNameOf } from '../rules/users.ts';
import { isDispositionAttribute } from '../rules/wrapupCodes.ts';

export type FindingCode =
  | 'name-clash'
  | 'no-valid-email'
  | 'vq-without-group'
  | 'dangling-queue-link'
  | 'ambiguous-queue-link'
  | 'bad-vag-script'
  | 'vag-logged-in'
  | 'supervisor-not-agent'
  | 'refused-name'
  | 'unmatched-folder'
  | 'unmapped-dn-type'
  | 'config-db';

export interface Finding {
  severity: 'error' | 'warning';
  code: FindingCode;
  objectType: string;
  dbid?: number;
  name: string;
  message: string;
}

function clashes<T>(
  items: readonly T[],
  name: (t: T) => string,
  describe: (group: T[]) => Omit<Finding, 'severity' | 'code'>,
): Finding[] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const k = name(it).toLowerCase();
    groups.set(k, [...(groups.get(k) ?? []), it]);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    if (new Set(g.map(name)).size > 1 || g.length > 1)
      out.push({ severity: 'error', code: 'name-clash', ...describe(g) });
  }
  return out;
}

export function preflight(
  snapshot: EngageSnapshot,
  opts: RuleOptions,
  readerFindings: {
    code?: string;
    objectType: string;
    dbid: number;
    name: string | null;
    message: string;
  }[] = [],
): Finding[] {
  const s = scoped(snapshot, opts.folderFilter);
  const out: Finding[] = [];

  // Case-insensitive clashes: Genesys Cloud names are case-insensitive, Engage names are not.
  const mapped = s.persons.flatMap((p) => {
    const u = userNameOf(p);
    return u === undefined ? [] : [{ p, u }];
  });
  out.push(
    ...clashes(
      mapped,
      (x) => x.u,
      (g) => ({
        objectType: 'Person',
        name: g.map((x) => x.u).join(' / '),
        message: `persons ${g.map((x) => `${x.p.userName} (DBID ${x.p.dbid})`).join(', ')} map to the same Genesys Cloud userName "${g[0]?.u}": they would share one user`,
      }),
    ),
  );
  out.push(
    ...clashes(
      s.skills,
      (k) => k.name,
      (g) => ({
        objectType: 'Skill',
        name: g.map((k) => k.name).join(' / '),
        message: `skills ${g.map((k) => `"${k.name}" (DBID ${k.dbid})`).join(', ')} differ only by case: they would share one Genesys Cloud skill`,
      }),
    ),
  );
  const vqs = s.dns.filter((d) => opts.queueDnTypes.includes(d.type));
  out.push(
    ...clashes(
      vqs,
      (d) => queueName(d.number, d.switch, opts.queueNameSuffix),
      (g) => ({
        objectType: 'DN',
        name: g.map((d) => `${d.number}@${d.switch}`).join(' / '),
        message: `queue DNs ${g.map((d) => `"${d.number}" on ${d.switch} (DBID ${d.dbid})`).join(', ')} give queue names that differ only by case: they would share one queue`,
      }),
    ),
  );
  const values = s.businessAttributes
    .filter(isDispositionAttribute)
    .flatMap((ba) => ba.values.map((v) => ({ ba, v })));
  const distinct = [...new Map(values.map((x) => [x.v.name, x])).values()];
  out.push(
    ...clashes(
      distinct,
      (x) => x.v.name,
      (g) => ({
        objectType: 'BusinessAttributeValue',
        name: g.map((x) => x.v.name).join(' / '),
        message: `disposition values ${g.map((x) => `"${x.v.name}" (in "${x.ba.name}")`).join(', ')} differ only by case: they would share one wrap-up code`,
      }),
    ),
  );

  for (const p of s.persons) {
    if (userNameOf(p) === undefined) {
      out.push({
        severity: 'error',
        code: 'no-valid-email',
        objectType: 'Person',
        dbid: p.dbid,
        name: p.userName,
        message: `person "${p.userName}" (DBID ${p.dbid}) has no valid e-mail in User Name, Employee ID or E-Mail: it will not be synced`,
      });
    }
    if (!p.isAgent && p.htccRoles.split(',').some((r) => r.trim().toLowerCase() === 'supervisor')) {
      out.push({
        severity: 'warning',
        code: 'supervisor-not-agent',
        objectType: 'Person',
        dbid: p.dbid,
        name: p.userName,
        message: `person "${p.userName}" (DBID ${p.dbid}) has Supervisor in htcc/roles but "Is Agent" unchecked: it gets the non-agent roles`,
      });
    }
  }

  const links = resolveQueueLinks(s.agentGroups, vqs, s.persons);
  const unmapped = unmappedLinks(s, opts.queueDnTypes);
  out.push(...unmapped.values());
  for (const d of vqs) {
    if (!links.linked.has(d.dbid)) {
      out.push({
        severity: 'warning',
        code: 'vq-without-group',
        objectType: 'DN',
        dbid: d.dbid,
        name: `${d.number}@${d.switch}`,
        message: `${queueDnTypeName(d.type)} "${d.number}" on ${d.switch} (DBID ${d.dbid}) has no agent group linked by hybrid/WFM_queue_number: its queue gets no members`,
      });
    }
  }
  const CODE = {
    dangling: 'dangling-queue-link',
    ambiguous: 'ambiguous-queue-link',
    badScript: 'bad-vag-script',
    loggedIn: 'vag-logged-in',
  } as const;
  for (const pr of links.problems) {
    // A link to a DN of a type not mapped is explained by its own warning, not as a dangling link.
    if (pr.kind === 'dangling' && unmapped.has(`${pr.groupDbid}:${pr.value}`)) continue;
    out.push({
      severity: pr.kind === 'loggedIn' || pr.kind === 'ambiguous' ? 'warning' : 'error',
      code: CODE[pr.kind],
      objectType: 'AgentGroup',
      dbid: pr.groupDbid,
      name: pr.groupName,
      message: `agent group "${pr.groupName}" (DBID ${pr.groupDbid}): ${pr.value}: ${pr.detail}`,
    });
  }
  out.push(...refusedNames(s, vqs, opts));
  for (const f of readerFindings) {
    // A folder of the filter that matches nothing would take every object of it out of the org.
    const unmatched = f.code === 'unmatched-folder';
    out.push({
      severity: unmatched ? 'error' : 'warning',
      code: unmatched ? 'unmatched-folder' : 'config-db',
      objectType: f.objectType,
      dbid: f.dbid,
      name: f.name ?? '',
      message: f.message,
    });
  }
  return out;
}

/** Names Genesys Cloud will refuse (blank, control characters) or may refuse (very long). */
function refusedNames(s: EngageSnapshot, vqs: EngageSnapshot['dns'], opts: RuleOptions): Finding[] {
  const named: { objectType: string; dbid?: number; what: string; name: string }[] = [
    ...s.persons.flatMap((p) => {
      const u = userNameOf(p);
      return u === undefined
        ? []
        : [
            { objectType: 'Person', dbid: p.dbid, what: 'user name', name: u },
            { objectType: 'Person', dbid: p.dbid, what: 'display name', name: displayNameOf(p) },
          ];
    }),
    ...s.skills.map((k) => ({ objectType: 'Skill', dbid: k.dbid, what: 'skill name', name: k.name })),
    ...vqs.map((d) => ({
      objectType: 'DN',
      dbid: d.dbid,
      what: 'queue name',
      name: queueName(d.number, d.switch, opts.queueNameSuffix),
    })),
    ...s.businessAttributes.filter(isDispositionAttribute).flatMap((ba) =>
      ba.values.map((v) => ({
        objectType: 'BusinessAttributeValue',
        dbid: v.dbid,
        what: `disposition value of "${ba.name}" (wrap-up code name)`,
        name: v.name,
      })),
    ),
    { objectType: 'Transaction', what: 'presence source name', name: opts.sourceName },
  ];
  return named.flatMap((n) => {
    const p = nameProblem(n.name);
    if (!p) return [];
    const shown = n.name.length > 80 ? `${n.name.slice(0, 80)}…` : n.name;
    return [
      {
        severity: p.severity,
        code: 'refused-name' as const,
        objectType: n.objectType,
        ...(n.dbid !== undefined ? { dbid: n.dbid } : {}),
        name: printable(shown),
        message: printable(
          `${n.what} ${JSON.stringify(shown)}${n.dbid !== undefined ? ` (DBID ${n.dbid})` : ''} is ${p.problem}: ` +
            (p.severity === 'error'
              ? 'Genesys Cloud refuses it; EXCS retries it with backoff until it is fixed'
              : 'Genesys Cloud may refuse it'),
        ),
      },
    ];
  });
}

/**
 * Groups linked (hybrid/WFM_queue_number) to a DN whose type is a queue type of seed 002 but not mapped
 * (queue_dn_types), keyed `"<group DBID>:<value>"`: their members would reach no queue.
 */
function unmappedLinks(s: EngageSnapshot, mapped: readonly number[]): Map<string, Finding> {
  const queueTypes = Object.values(QUEUE_DN_TYPES) as number[];
  const candidates = s.dns.filter((d) => queueTypes.includes(d.type) && !mapped.includes(d.type));
  const out = new Map<string, Finding>();
  for (const g of s.agentGroups) {
    for (const ref of parseQueueRef(g.wfmQueueNumber ?? '')) {
      const value = ref.switch === undefined ? ref.dn : `${ref.dn}@${ref.switch}`;
      const hit = candidates.find(
        (d) => d.number === ref.dn && (ref.switch === undefined || d.switch === ref.switch),
      );
      if (!hit) continue;
      const type = queueDnTypeName(hit.type);
      out.set(`${g.dbid}:${value}`, {
        severity: 'warning',
        code: 'unmapped-dn-type',
        objectType: 'AgentGroup',
        dbid: g.dbid,
        name: g.name,
        message: `agent group "${g.name}" (DBID ${g.dbid}) links to ${type} "${hit.number}" on ${hit.switch}, a DN type not mapped to queues (mapped: ${mapped.map(queueDnTypeName).join(', ')}); add "${type}" to hybrid_integration config_sync/queue_dn_types or link a mapped DN`,
      });
    }
  }
  return out;
}

export function formatFindings(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['No problems found.'];
  const lines = findings.map((f) => `${f.severity.toUpperCase().padEnd(7)} ${f.code}: ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  lines.push('', `${errors} error(s), ${findings.length - errors} warning(s).`);
  return lines;
}
