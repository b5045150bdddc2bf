// The directory a replay translates with: from a file holding what EXCS's `GET /api/v1/mappings/*`
// answers (`{"users":…,"queues":…,"wrapupcodes":…,"extensions":…,"source":…}`), or from EXCS itself
// (the same reads as the running service, inputs/directory-watcher.ts).
import { readFile } from 'node:fs/promises';
import { UserError } from '../../../core/errors.ts';
import { ExcsClient } from '../../shared/excs-client.ts';
import { DirectoryWatcher } from '../inputs/directory-watcher.ts';
import { buildDirectory, mappingsFileSchema, type DirectorySnapshot } from '../inputs/directory.ts';

export async function directoryFromFile(file: string): Promise<DirectorySnapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(
      `--mappings ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UserError(`--mappings ${file}: not JSON (${(err as Error).message})`);
  }
  const r = mappingsFileSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new UserError(
      `--mappings ${file}: ${first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'invalid'}`,
    );
  }
  return buildDirectory(r.data);
}

export async function directoryFromExcs(
  baseUrl: string,
  token: string | undefined,
): Promise<DirectorySnapshot> {
  const watcher = new DirectoryWatcher({
    excs: new ExcsClient({ baseUrl, apiToken: token, timeoutMs: 10_000 }),
    intervalMs: 0,
    onDirectory: () => undefined,
    onError: () => undefined,
  });
  try {
    await watcher.refresh();
  } catch (err) {
    throw new UserError(`${(err as Error).message} (give --mappings <file> to replay without EXCS)`);
  }
  if (!watcher.current) throw new UserError(`EXCS ${baseUrl}: no mappings`);
  return watcher.current;
}
