// A throwaway Apache httpd with mod_dav serving a WebDAV folder behind Basic auth, configured as seed 003's
// "Deploying Apache WebDAV Server" sample (Alias /recordings, DAV On, AuthType Basic, valid-user), but on a
// loopback port with its own config, lock DB, password file and folder: never the system service.
// Needs Debian's apache2 (apt-get install apache2); .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './servers.ts';
import { startForegroundServer } from './foreground-server.ts';

export interface ApacheWebDav {
  /** The WebDAV folder URL, ending with `/` (what `recdest2` points at). */
  url: string;
  port: number;
  user: string;
  password: string;
  /** The folder on disk that holds what was PUT. */
  dir: string;
  /** Apache's error log so far (for failure messages). */
  errorLog(): string;
  stop(): Promise<void>;
}

const MODULES = '/usr/lib/apache2/modules';
const APACHE = ['/usr/sbin/apache2', '/usr/sbin/httpd'].find((p) => existsSync(p));

const MODULE_LIST = [
  'mpm_event',
  'authz_core',
  'authn_core',
  'authn_file',
  'authz_user',
  'auth_basic',
  'alias',
  'dav',
  'dav_fs',
];

export async function startApacheWebDav(o: { user?: string; password?: string } = {}): Promise<ApacheWebDav> {
  if (!APACHE || !existsSync(join(MODULES, 'mod_dav_fs.so'))) {
    throw new Error('apache2 with mod_dav not found: apt-get install apache2 (Debian); .ci/run installs it');
  }
  const user = o.user ?? 'recorder';
  const password = o.password ?? 'webdav-secret-1';
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'exec-apache-'));
  chmodSync(root, 0o755);
  const dir = join(root, 'recordings');
  mkdirSync(dir);
  mkdirSync(join(root, 'lock'));
  // As root, Apache's workers run as www-data (the seed's chown www-data); otherwise as the current user.
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const id = (flag: string) =>
      Number(spawnSync('id', [flag, 'www-data'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, id('-u'), id('-g'));
    chownSync(join(root, 'lock'), id('-u'), id('-g'));
  }
  // {SHA} entries are what `htpasswd -s` writes; no need for apache2-utils.
  const sha = createHash('sha1').update(password).digest('base64');
  writeFileSync(join(root, 'htpasswd'), `${user}:{SHA}${sha}\n`, { mode: 0o644 });
  const conf = join(root, 'httpd.conf');
  writeFileSync(
    conf,
    [
      `ServerRoot ${root}`,
      `ServerName 127.0.0.1`,
      `Listen 127.0.0.1:${port}`,
      `PidFile ${root}/httpd.pid`,
      `ErrorLog ${root}/error.log`,
      `LogLevel warn`,
      ...MODULE_LIST.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
      ...(asRoot ? ['User www-data', 'Group www-data'] : []),
      `DocumentRoot ${root}/recordings`,
      `DavLockDB ${root}/lock/DavLock`,
      `Alias /recordings ${dir}`,
      `<Directory ${dir}>`,
      `  Options Indexes`,
      `  EnableSendfile off`,
      `  AllowOverride None`,
      `</Directory>`,
      `<Location "/recordings">`,
      `  DAV On`,
      `  AuthType Basic`,
      `  AuthName "user"`,
      `  AuthUserFile ${root}/htpasswd`,
      `  Require valid-user`,
      `</Location>`,
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}/recordings/`;
  const server = await startForegroundServer({
    name: 'apache2',
    bin: APACHE,
    args: ['-f', conf, '-DFOREGROUND'],
    dir: root,
    errorLogPath: join(root, 'error.log'),
    waitingFor: 'Apache to answer',
    ready: async () => {
      try {
        return (await fetch(url)).status === 401;
      } catch {
        return false;
      }
    },
    stopSignal: 'SIGTERM', // Apache's graceful stop of its own children
  });
  return {
    url,
    port,
    user,
    password,
    dir,
    errorLog: server.errorLog,
    stop: server.stop,
  };
}
