// Backup names of `update` (seed 003 "Maintenance"): `<name>_<ddmmyyyy>` in ~/exec/backup, e.g.
// `.env_23052023`. A second update on the same day must not overwrite the first day's backup (rollback
// would then skip the state before the first), so it gets `<name>_<ddmmyyyy>_2`, then `_3`, ...

/** ddmmyyyy of the bootstrap VM's local date. */
export function dateStamp(now: Date): string {
  const dd = String(now.getDate()).padStart(2, '0');
  const mm = String(now.getMonth() + 1).padStart(2, '0');
  return `${dd}${mm}${now.getFullYear()}`;
}

/** The backup name for `file` today, not clashing with `existing` (the backup directory's listing). */
export function backupName(file: string, stamp: string, existing: ReadonlySet<string>): string {
  const base = `${file}_${stamp}`;
  if (!existing.has(base)) return base;
  let k = 2;
  while (existing.has(`${base}_${k}`)) k++;
  return `${base}_${k}`;
}

const BACKUP = /^(.+)_(\d{2})(\d{2})(\d{4})(?:_(\d+))?$/;

/** Sort key of a backup of `file`, or undefined when `name` is not one. */
function backupKey(file: string, name: string): number[] | undefined {
  const m = BACKUP.exec(name);
  if (!m || m[1] !== file) return undefined;
  return [Number(m[4]), Number(m[3]), Number(m[2]), m[5] === undefined ? 1 : Number(m[5])];
}

/** The latest backup of `file` among `names`, or undefined. */
export function latestBackup(file: string, names: readonly string[]): string | undefined {
  let best: { name: string; key: number[] } | undefined;
  for (const name of names) {
    const key = backupKey(file, name);
    if (!key) continue;
    if (!best || compareKeys(key, best.key) > 0) best = { name, key };
  }
  return best?.name;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
