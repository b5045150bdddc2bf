// `exec-connector lab webdav`: the recording lab's WebDAV transient storage on its own, until Ctrl-C
// (DESIGN §2: port 8088, Basic auth; the npm webdav-server package). The defaults are the account the
// lab Config DB's transientStorage section names, so `lab engage configdb` + `run exrp` find it.
import { InvalidArgumentError, type Command } from 'commander';
import { errorMessage, UserError } from '../../core/errors.ts';
import { LAB_WEBDAV } from '../../lab/engage/configdb/constants.ts';
import { DEFAULT_WEBDAV_PORT, startLabWebdav } from '../../lab/webdav/index.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${v}" is not a port number (expected 0-65535)`);
  return n;
}

interface LabWebdavOptions {
  port: number;
  host: string;
  user: string;
  password?: string;
  root?: string;
}

export function registerLabWebdav(lab: Command, ctx: CommandContext): void {
  lab
    .command('webdav')
    .description('the WebDAV transient storage of the recording lab (Basic auth)')
    .option('--port <port>', 'TCP port', port, DEFAULT_WEBDAV_PORT)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--user <name>', 'the one account', LAB_WEBDAV.user)
    .option('--password <password>', `its password (default ${LAB_WEBDAV.password}, the lab's)`)
    .option('--root <dir>', 'directory to serve (default: a temporary one, removed at stop)')
    .action(async (opts: LabWebdavOptions) => {
      let server;
      try {
        server = await startLabWebdav({
          port: opts.port,
          host: opts.host,
          user: opts.user,
          password: opts.password ?? LAB_WEBDAV.password,
          ...(opts.root ? { root: opts.root } : {}),
        });
      } catch (err) {
        throw new UserError(`lab webdav: cannot start: ${errorMessage(err)}`);
      }
      ctx.io.out(`WebDAV transient storage at ${server.url} (files in ${server.root})`);
      ctx.io.out(
        `  user: ${opts.user}${opts.password ? '' : `, password: ${LAB_WEBDAV.password} (the lab default)`}`,
      );
      await untilSignal();
      await server.stop();
      ctx.io.out('WebDAV server stopped');
    });
}
