// Remote execution on the VMs: one small interface (a shell command on a host, with optional input), one
// implementation over the system `ssh` as the `genesys` user (seed 003 "Create a genesys user"). Files
// travel through ssh's stdin/stdout rather than scp, so each upload can be written under umask 077 and
// moved into place in one command (no half-written .env is ever read by docker compose).
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RemoteResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Remote {
  /** Runs `command` in the deployment user's shell on `host`; stdin from a local file or text. */
  exec(host: string, command: string, input?: { file: string } | { text: string }): Promise<RemoteResult>;
  /** Ends what the remote kept open (SSH master connections). */
  close(): Promise<void>;
}

/** ssh's own failures (cannot connect, authentication, host key) exit 255. */
export const SSH_FAILED = 255;

export interface SshOptions {
  user: string;
  /** An ssh_config file (`ssh -F`): ports, keys, jump hosts per VM. */
  config?: string | undefined;
  connectTimeoutSeconds: number;
  /** The ssh binary (default: `ssh` on the PATH). */
  ssh?: string;
  /**
   * A private directory for SSH master connections: one TCP connection and login per VM for the whole
   * action instead of one per step (an action runs ten or more commands per VM).
   */
  controlDir?: string | undefined;
}

/** The ssh command line for one remote command (pure, for tests and for the docs). */
export function sshArgs(host: string, command: string | undefined, o: SshOptions): string[] {
  return [
    ...(o.config ? ['-F', o.config] : []),
    ...(o.controlDir
      ? ['-o', 'ControlMaster=auto', '-o', `ControlPath=${o.controlDir}/%C`, '-o', 'ControlPersist=120']
      : []),
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${o.connectTimeoutSeconds}`,
    // Trust a VM's key on first use, refuse a changed one.
    '-o',
    'StrictHostKeyChecking=accept-new',
    '-l',
    o.user,
    '--',
    host,
    ...(command === undefined ? [] : [command]),
  ];
}

function run(
  args: string[],
  o: SshOptions,
  input?: { file: string } | { text: string },
): Promise<RemoteResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(o.ssh ?? 'ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.stdin.on('error', () => {
      // The remote side may close early (a failing command); its exit code says why.
    });
    child.on('close', (code) =>
      resolve({
        code: code ?? SSH_FAILED,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (input && 'file' in input) createReadStream(input.file).on('error', reject).pipe(child.stdin);
    else child.stdin.end(input?.text ?? '');
  });
}

export function sshRemote(o: SshOptions): Remote {
  const used = new Set<string>();
  return {
    exec: (host, command, input) => {
      used.add(host);
      return run(sshArgs(host, command, o), o, input);
    },
    close: async () => {
      if (!o.controlDir) return;
      for (const host of used) {
        const args = sshArgs(host, undefined, o);
        await run([...args.slice(0, args.indexOf('--')), '-O', 'exit', '--', host], o);
      }
      used.clear();
    },
  };
}

/** Runs `fn` with an ssh Remote whose master connections live in a private directory, removed after. */
export async function withSshRemote<T>(
  o: Omit<SshOptions, 'controlDir'>,
  fn: (remote: Remote) => Promise<T>,
): Promise<T> {
  // A control socket's path must fit in 108 bytes: <base>/exec-ssh-XXXXXX/ + a 40-character hash + a
  // 17-character suffix while ssh creates it.
  const base = tmpdir().length <= 30 ? tmpdir() : '/tmp';
  const controlDir = mkdtempSync(join(base, 'exec-ssh-'));
  const remote = sshRemote({ ...o, controlDir });
  try {
    return await fn(remote);
  } finally {
    await remote.close();
    rmSync(controlDir, { recursive: true, force: true });
  }
}
