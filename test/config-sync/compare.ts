// Differences between the emulator's org and the independent expectation, as readable lines.
import type { Expected } from './expectation.ts';
import type { EmulatorOrg } from './harness.ts';

export function orgDifferences(org: EmulatorOrg, want: Expected): string[] {
  const diffs: string[] = [];
  const eq = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const byExt = new Map(org.users.map((u) => [u.externalId, u]));
  const nameOf = new Map(org.users.map((u) => [u.id, u.userName]));
  if (org.users.length !== want.users.length)
    diffs.push(`users: ${org.users.length} in the org, ${want.users.length} expected`);
  for (const w of want.users) {
    const u = byExt.get(w.externalId);
    if (!u) {
      diffs.push(`user ${w.externalId}: missing`);
      continue;
    }
    for (const f of ['userName', 'displayName', 'active'] as const) {
      if (u[f] !== w[f])
        diffs.push(`user ${w.externalId}: ${f} ${JSON.stringify(u[f])}, expected ${JSON.stringify(w[f])}`);
    }
    if (u.division !== 'Home') diffs.push(`user ${w.externalId}: division ${u.division}`);
    if (!eq([...u.roles].sort(), w.roles))
      diffs.push(`user ${w.externalId}: roles ${u.roles}, expected ${w.roles}`);
    const skills = Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency]));
    const sortObj = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort());
    if (!eq(sortObj(skills), sortObj(w.skills))) {
      diffs.push(
        `user ${w.externalId}: skills ${JSON.stringify(skills)}, expected ${JSON.stringify(w.skills)}`,
      );
    }
  }
  if (!eq(org.skills.map((s) => s.name).sort(), want.skills))
    diffs.push(`skills: ${org.skills.map((s) => s.name)} expected ${want.skills}`);
  const codeNames = new Map(org.wrapupCodes.map((c) => [c.id, c.name]));
  if (!eq([...codeNames.values()].sort(), want.wrapupCodes))
    diffs.push(`wrap-up codes: ${[...codeNames.values()]} expected ${want.wrapupCodes}`);
  const queues = new Map(org.queues.map((q) => [q.name, q]));
  if (org.queues.length !== want.queues.length)
    diffs.push(`queues: ${org.queues.length} in the org, ${want.queues.length} expected`);
  for (const w of want.queues) {
    const q = queues.get(w.name);
    if (!q) {
      diffs.push(`queue ${w.name}: missing`);
      continue;
    }
    if (q.description !== w.description)
      diffs.push(`queue ${w.name}: description ${q.description}, expected ${w.description}`);
    if (q.peerId !== w.peerId) diffs.push(`queue ${w.name}: peerId ${q.peerId}, expected ${w.peerId}`);
    const members = q.members.map((id) => nameOf.get(id) ?? id).sort();
    if (!eq(members, w.members)) {
      const extra = members.filter((m) => !w.members.includes(m));
      const missing = w.members.filter((m) => !members.includes(m));
      diffs.push(`queue ${w.name}: members +${extra.join(',')} -${missing.join(',')}`);
    }
    const codes = q.wrapupCodes.map((id) => codeNames.get(id) ?? id).sort();
    if (!eq(codes, want.wrapupCodes)) diffs.push(`queue ${w.name}: wrap-up codes ${codes}`);
  }
  return diffs;
}

/** Requests the emulator rejected, and creates that made a second object of one name. */
export function auditProblems(
  audit: { requests: { method: string; path: string; status: number }[] },
  org: EmulatorOrg,
): string[] {
  const out = audit.requests
    .filter((r) => r.status >= 400)
    .map((r) => `rejected: ${r.method} ${r.path} ${r.status}`);
  const dup = (kind: string, names: string[]) => {
    const seen = new Set<string>();
    for (const n of names.map((x) => x.toLowerCase())) {
      if (seen.has(n)) out.push(`duplicate ${kind}: ${n}`);
      seen.add(n);
    }
  };
  dup(
    'user',
    org.users.map((u) => u.userName),
  );
  dup(
    'queue',
    org.queues.map((q) => q.name),
  );
  dup(
    'skill',
    org.skills.map((s) => s.name),
  );
  dup(
    'wrap-up code',
    org.wrapupCodes.map((c) => c.name),
  );
  dup(
    'source',
    org.sources.map((s) => s.name),
  );
  return out;
}
