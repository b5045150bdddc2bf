// The optional state file (--state FILE): the org as JSON, Maps and Sets tagged so they come back as such.
// Uploaded bytes are not part of it.
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import type { Org } from './state.ts';

const replacer = (_key: string, value: unknown): unknown => {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
};

const reviver = (_key: string, value: unknown): unknown => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { $map?: [unknown, unknown][]; $set?: unknown[] };
    if (v.$map) return new Map(v.$map);
    if (v.$set) return new Set(v.$set);
  }
  return value;
};

export function saveOrg(path: string, org: Org): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, org }, replacer));
  renameSync(tmp, path);
}

/** The org stored in the file, or undefined when there is no file yet. Throws on a corrupt file. */
export function loadOrg(path: string): Org | undefined {
  if (!existsSync(path)) return undefined;
  const data = JSON.parse(readFileSync(path, 'utf8'), reviver) as { version?: number; org?: Org };
  if (data.version !== 1 || !data.org || !(data.org.users instanceof Map))
    throw new Error(`${path} is not a cloud emulator state file (version 1)`);
  return data.org;
}
