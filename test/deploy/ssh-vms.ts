// Two (or more) "VMs" for the bootstrap actions: each a throwaway OpenSSH server (Debian's sshd) on its
// own loopback address, with its own host key, authorized_keys and config, letting in only `genesys`.
// Each gives the session its own HOME (the VM's disk) and a PATH whose `docker` is the one stand-in:
// a script that records what it was asked (there is no Docker engine here). Needs root (sshd, useradd).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, until } from '../harness/index.ts';

const SSHD = '/usr/sbin/sshd';
export const USER = 'genesys';

export interface Vm {
  address: string;
  port: number;
  /** The session's HOME: ~/exec lives here. */
  home: string;
  /** One line per docker call: `<ns> <cwd> <args>`. */
  dockerCalls(): DockerCall[];
}

export interface DockerCall {
  at: bigint;
  cwd: string;
  args: string;
}

export interface SshLab {
  vms: Vm[];
  /** ssh_config reaching every VM (and `unreachable` on a closed port). */
  sshConfig: string;
  /** A loopback address whose SSH port nothing listens on. */
  unreachable: string;
  dir: string;
  stop(): Promise<void>;
}

const DOCKER_STANDIN = `#!/bin/sh
# docker stand-in: records the call (time in ns, working directory, arguments) and succeeds.
printf '%s %s %s\\n' "$(date +%s%N)" "$PWD" "$*" >> "$HOME/docker.log"
`;

function sshdMissing(): string | undefined {
  if (!existsSync(SSHD))
    return `${SSHD} not found: apt-get install -y --no-install-recommends openssh-server`;
  if (process.getuid?.() !== 0)
    return 'the SSH VM tests run sshd and create the genesys user: run them as root (CI does)';
  return undefined;
}

function uidOf(user: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no ${user} user`);
  const f = line.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

/** The `genesys` user the seeds deploy as; `*` (not `!`) so sshd lets it in by key. */
function ensureUser(): { uid: number; gid: number } {
  try {
    return uidOf(USER);
  } catch {
    execFileSync('useradd', ['-m', '-s', '/bin/sh', '-p', '*', USER]);
    return uidOf(USER);
  }
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, host);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startSshLab(addresses: string[]): Promise<SshLab> {
  const missing = sshdMissing();
  if (missing) throw new Error(missing);
  const owner = ensureUser();
  mkdirSync('/run/sshd', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'exec-ssh-vms-'));
  chmodSync(dir, 0o755);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')));
  const children: ChildProcess[] = [];
  const vms: Vm[] = [];
  const hostBlocks: string[] = [];
  for (const [i, address] of addresses.entries()) {
    const vmDir = join(dir, `vm${i + 1}`);
    const home = join(vmDir, 'home');
    const bin = join(vmDir, 'bin');
    mkdirSync(home, { recursive: true });
    mkdirSync(bin);
    chownSync(home, owner.uid, owner.gid);
    writeFileSync(join(bin, 'docker'), DOCKER_STANDIN, { mode: 0o755 });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(vmDir, 'hostkey')]);
    const port = await freePort();
    const config = join(vmDir, 'sshd_config');
    writeFileSync(
      config,
      [
        `ListenAddress ${address}:${port}`,
        `HostKey ${join(vmDir, 'hostkey')}`,
        `PidFile ${join(vmDir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        `AllowUsers ${USER}`,
        `SetEnv HOME=${home} PATH=${bin}:/usr/local/bin:/usr/bin:/bin`,
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    const errors: string[] = [];
    child.stderr?.on('data', (d: Buffer) => errors.push(d.toString()));
    await until(
      `sshd on ${address}:${port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`sshd exited: ${errors.join('')}`);
        return portOpen(address, port);
      },
      10_000,
    );
    hostBlocks.push(`Host ${address}`, `  Port ${port}`);
    vms.push({
      address,
      port,
      home,
      dockerCalls: () => {
        const log = join(home, 'docker.log');
        if (!existsSync(log)) return [];
        return readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            const [at, cwd, ...args] = l.split(' ');
            return { at: BigInt(at as string), cwd: cwd as string, args: args.join(' ') };
          });
      },
    });
  }
  const unreachable = '127.0.0.9';
  const closedPort = await freePort();
  const sshConfig = join(dir, 'ssh_config');
  writeFileSync(
    sshConfig,
    [
      ...hostBlocks,
      `Host ${unreachable}`,
      `  Port ${closedPort}`,
      'Host *',
      `  IdentityFile ${join(dir, 'client')}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
      '  LogLevel ERROR',
      '',
    ].join('\n'),
  );
  return {
    vms,
    sshConfig,
    unreachable,
    dir,
    stop: async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
