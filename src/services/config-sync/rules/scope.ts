// Folder filtering (seed 003): with SYNC_CUSTOMER_OBJECTS_ONLY on, an object of Persons, Skills, DNs or
// Agent Groups is in scope when any folder on its path (at any depth) is one of the listed names, which
// also takes in every subfolder below a listed folder. Names compare exactly (CME names are case-sensitive).

export function inScope(folders: readonly string[], filter: readonly string[] | undefined): boolean {
  if (filter === undefined) return true;
  return folders.some((f) => filter.includes(f));
}
