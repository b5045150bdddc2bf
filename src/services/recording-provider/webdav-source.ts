// The WebDAV transient storage as EXRP uses it: stream a file out, delete it. The file named by EXCP is
// a path under the configured URL or the full URL MCP reported; either way it is fetched from the
// configured server with the transientStorage account (MCP may know the server by another name).
import type { Readable } from 'node:stream';
import { createClient, type WebDAVClient } from 'webdav';
import type { WebdavSettings } from './settings.ts';

export interface RecordingStorage {
  /** The file's bytes as a stream; the stream errors when the file cannot be read. */
  open(file: string): Promise<Readable>;
  /** Deletes the file; a file already gone is fine (a retried job deleted it before). */
  remove(file: string): Promise<void>;
  /** A cheap request that proves the server answers and takes the credentials. */
  ping(): Promise<void>;
}

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

function statusOf(err: unknown): number | undefined {
  const s =
    (err as { status?: unknown; response?: { status?: unknown } }).status ??
    (err as { response?: { status?: unknown } }).response?.status;
  return typeof s === 'number' ? s : undefined;
}

export function storagePath(base: string, file: string): string {
  const u = new URL(file, base);
  return decodeURIComponent(u.pathname);
}

export function openWebdavStorage(s: WebdavSettings): RecordingStorage {
  const origin = new URL(s.url).origin;
  const client: WebDAVClient = createClient(origin, { username: s.username, password: s.password });
  const wrap = (what: string, file: string, err: unknown) =>
    new StorageError(`WebDAV ${what} ${file}: ${(err as Error).message}`, statusOf(err));
  return {
    async open(file) {
      const path = storagePath(s.url, file);
      // A HEAD-like stat first: the stream alone reports a 404 only once read, without its status.
      try {
        await client.stat(path);
      } catch (err) {
        throw wrap('stat', path, err);
      }
      const stream = client.createReadStream(path);
      return stream as Readable;
    },
    async remove(file) {
      const path = storagePath(s.url, file);
      try {
        await client.deleteFile(path);
      } catch (err) {
        if (statusOf(err) === 404) return;
        throw wrap('delete', path, err);
      }
    },
    async ping() {
      try {
        await client.stat(new URL(s.url).pathname);
      } catch (err) {
        throw wrap('stat', s.url, err);
      }
    },
  };
}
