// The rules run for a pass, with what they found logged once per problem: option problems, preflight
// findings (bad data, name clashes, refused names), and the objects left out or merged (skipped, plan
// notes). Passes repeat every few seconds: a problem that stays is not logged again.
import type { Logger } from '../../core/logger.ts';
import type { EngageSnapshot as DbSnapshot } from '../../engage/configdb/model.ts';
import type { Desired, Skipped } from './desired.ts';
import { preflight } from './preflight/findings.ts';
import { buildDesired } from './rules/buildDesired.ts';
import { printable } from './rules/cloudNames.ts';
import { ruleOptions, type EnvKnobs, type RuleOptions } from './rules/options.ts';
import { fromConfigDb } from './snapshot.ts';

/** Findings that are logged as skipped objects instead. */
const SKIP_LOGGED = new Set(['no-valid-email', 'dangling-queue-link', 'bad-vag-script']);

export class RuleLog {
  private readonly logged = new Set<string>();

  constructor(
    private readonly env: EnvKnobs,
    private readonly logger: Logger,
  ) {}

  run(raw: DbSnapshot): { desired: Desired; opts: RuleOptions } {
    const problems: string[] = [];
    const opts = ruleOptions(this.env, raw.hybridIntegration?.sections ?? {}, problems);
    for (const p of problems) this.once(`option:${p}`, 'warn', `excs: ${p}`, {});
    const input = fromConfigDb(raw);
    const { desired } = buildDesired(input, opts);
    for (const f of preflight(input, opts, raw.findings)) {
      if (SKIP_LOGGED.has(f.code)) continue;
      this.once(
        `finding:${f.code}:${f.dbid ?? ''}:${f.message}`,
        f.severity === 'error' ? 'error' : 'warn',
        `excs: ${f.message}`,
        { code: f.code, objectType: f.objectType, ...(f.dbid !== undefined ? { dbid: f.dbid } : {}) },
      );
    }
    return { desired, opts };
  }

  skipped(list: readonly Skipped[]): void {
    for (const s of list) {
      const what =
        s.type === 'nameClash' || s.type === 'userNameTaken' ? 'shares an org object' : 'not synced';
      this.once(
        `${s.type}:${s.dbid}:${s.reason}`,
        'error',
        printable(`excs: ${s.type} ${JSON.stringify(s.name)} (DBID ${s.dbid}) ${what}: ${s.reason}`),
        { type: s.type, dbid: s.dbid, name: printable(s.name) },
      );
    }
  }

  private once(key: string, level: 'warn' | 'error', msg: string, fields: Record<string, unknown>): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.logger[level](fields, msg);
  }
}
