// startLabWebdav(): the recording lab's WebDAV transient storage (DESIGN §2: port 8088, Basic auth) on
// the npm `webdav-server` package. Files live in a directory (a fresh temporary one unless `root` is
// given), so MCP's PUTs and EXRP's GETs stream through the disk, and a stop/start on the same root is
// an outage that loses nothing.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webdavServer from 'webdav-server';

const { v2 } = webdavServer;

export interface LabWebdavOptions {
  port?: number;
  host?: string;
  user: string;
  password: string;
  /** The directory served; a temporary one (removed at stop) when absent. */
  root?: string;
}

export interface LabWebdav {
  /** Base URL of the served folder, ending in `/`. */
  url: string;
  port: number;
  root: string;
  /** Names of the files at the top level of the root (what is still waiting for EXRP). */
  files(): string[];
  stop(): Promise<void>;
}

export const DEFAULT_WEBDAV_PORT = 8088;

export async function startLabWebdav(opts: LabWebdavOptions): Promise<LabWebdav> {
  if (!opts.user || !opts.password) throw new Error('the lab WebDAV server needs a user and a password');
  const ownRoot = opts.root === undefined;
  const root = opts.root ?? mkdtempSync(join(tmpdir(), 'exec-webdav-'));
  if (!statSync(root).isDirectory()) throw new Error(`WebDAV root ${root} is not a directory`);
  const users = new v2.SimpleUserManager();
  const user = users.addUser(opts.user, opts.password, false);
  const privileges = new v2.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const server = new v2.WebDAVServer({
    httpAuthentication: new v2.HTTPBasicAuthentication(users, 'exec-lab recordings'),
    privilegeManager: privileges,
    requireAuthentification: true,
    rootFileSystem: new v2.PhysicalFileSystem(root),
    hostname: opts.host ?? '127.0.0.1',
    port: opts.port ?? DEFAULT_WEBDAV_PORT,
  });
  const http = await server.startAsync(opts.port ?? DEFAULT_WEBDAV_PORT);
  const port = (http.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}/`,
    port,
    root,
    // The entry types come with the listing: a file deleted meanwhile (a worker finishing) is no error.
    files: () =>
      readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name),
    async stop() {
      // Open keep-alive connections would hold the port: close them with the server.
      http.closeAllConnections();
      await server.stopAsync();
      if (ownRoot) rmSync(root, { recursive: true, force: true });
    },
  };
}
