// Where the log fixtures live, and a helper that reads one through the reader.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTlibLog } from '../../src/engage/tlib/logreader/reader.ts';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/tlib/${name}`, import.meta.url));
}

export function readFixture(name: string): ReturnType<typeof readTlibLog> {
  return readTlibLog(readFileSync(fixturePath(name), 'utf8'), { source: name });
}
