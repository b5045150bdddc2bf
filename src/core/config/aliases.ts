// Variables the seeds spell without our EXCS_ prefix (seed 003 "Folder Filtering" uses
// SYNC_CUSTOMER_OBJECTS_ONLY / SYNC_CUSTOMER_FOLDER_NAME): accepted, with a warning naming the
// preferred variable. Both set to different values is an error: we will not guess which one is meant.
import type { Problem } from './load.ts';

export const ALIASES: Readonly<Record<string, string>> = {
  SYNC_CUSTOMER_OBJECTS_ONLY: 'EXCS_SYNC_CUSTOMER_OBJECTS_ONLY',
  SYNC_CUSTOMER_FOLDER_NAME: 'EXCS_SYNC_CUSTOMER_FOLDER_NAME',
};

/** Copies each alias to its preferred name in `values`; says what it did and what clashed. */
export function resolveAliases(values: Record<string, string>): { warnings: Problem[]; problems: Problem[] } {
  const warnings: Problem[] = [];
  const problems: Problem[] = [];
  for (const [alias, preferred] of Object.entries(ALIASES)) {
    const a = values[alias];
    if (a === undefined) continue;
    const p = values[preferred];
    if (p !== undefined && p.trim() !== a.trim()) {
      problems.push({
        variable: alias,
        message: `${JSON.stringify(a)} differs from ${preferred}=${JSON.stringify(p)} (expected only ${preferred})`,
      });
      continue;
    }
    values[preferred] = p ?? a;
    warnings.push({ variable: alias, message: `is an alias of ${preferred}: set ${preferred} instead` });
  }
  return { warnings, problems };
}
