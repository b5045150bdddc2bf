// The folder filter of seed 003 ("Folder Filtering"), parsed here and nowhere else: check-env, run excs,
// the rules, preflight and plan all read EXCS_SYNC_CUSTOMER_OBJECTS_ONLY / _FOLDER_NAME through it.

/** `"A, B,,C "` → `["A", "B", "C"]`: names are trimmed (CME names are exact otherwise); blanks dropped. */
export function parseFolderNames(raw: string): string[] {
  return raw
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/**
 * The folder names to sync, or null when filtering is off. Takes parsed (boolean) or raw ('true')
 * values. Filtering on with no name gives `[]`, which the reader refuses: never "sync everything".
 */
export function folderFilterFrom(vars: Record<string, unknown>): string[] | null {
  const on = vars.EXCS_SYNC_CUSTOMER_OBJECTS_ONLY;
  if (on !== true && !(typeof on === 'string' && on.trim().toLowerCase() === 'true')) return null;
  const raw = vars.EXCS_SYNC_CUSTOMER_FOLDER_NAME;
  return typeof raw === 'string' ? parseFolderNames(raw) : [];
}
