// A throwaway nginx (Debian's binary) on rendered configuration files: its own prefix, pid, logs and temp
// folders, in the foreground, never the system service. Needs `apt-get install nginx`; .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startForegroundServer } from './foreground-server.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((p) =>
  existsSync(p),
);

export interface RunningNginx {
  dir: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx on `files` (name → text; `nginx.conf` is the main file). The harness adds, inside `http`,
 * only what a throwaway instance needs: temp folders and logs (in `accessLogFormat` when given) under its
 * own prefix. `ports` are waited for.
 */
export async function startNginx(
  files: Record<string, string>,
  ports: number[],
  o: { accessLogFormat?: string } = {},
): Promise<RunningNginx> {
  if (!NGINX) throw new Error('nginx not found: apt-get install nginx (Debian); .ci/run installs it');
  const dir = mkdtempSync(join(tmpdir(), 'exec-nginx-'));
  chmodSync(dir, 0o755);
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, 'tmp', t), { recursive: true });
    chmodSync(join(dir, 'tmp', t), 0o777); // the workers may run as another user
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, 'harness-http.conf'),
    [
      ...(o.accessLogFormat
        ? [`log_format harness '${o.accessLogFormat}';`, `access_log ${dir}/access.log harness;`]
        : [`access_log ${dir}/access.log;`]),
      ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (t) => `${t === 'body' ? 'client_body' : t}_temp_path ${dir}/tmp/${t};`,
      ),
      '',
    ].join('\n'),
  );
  const main = files['nginx.conf'];
  if (!main?.includes('http {')) throw new Error('startNginx: nginx.conf has no http block');
  writeFileSync(
    join(dir, 'nginx.conf'),
    main.replace('http {', `http {\n  include ${dir}/harness-http.conf;`),
  );
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
  const global = `daemon off; master_process on; pid ${dir}/nginx.pid;`;
  const check = spawnSync(NGINX, [...args, '-g', global, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t refused the configuration: ${check.stderr}`);
  }
  const { connect } = await import('node:net');
  const open = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
  const server = await startForegroundServer({
    name: 'nginx',
    bin: NGINX,
    args: [...args, '-g', global],
    dir,
    errorLogPath: join(dir, 'error.log'),
    waitingFor: 'nginx to listen',
    ready: async () => (await Promise.all(ports.map(open))).every(Boolean),
    stopSignal: 'SIGQUIT', // graceful shutdown
  });
  return { dir, errorLog: server.errorLog, stop: server.stop };
}
