// A hot-standby SIP Server pair: two nodes that distribute the same events, one primary, one backup.
// A switchover swaps the roles; killing the primary drops it and promotes the backup; restoring brings the
// dead node back, as the backup (a restarted server joins the pair in whatever role is free).
import type { Logger } from '../../../../core/logger.ts';
import { TlibServerNode, type PreparedEvent } from './node.ts';

export interface PairOptions {
  name: string;
  host?: string;
  port?: number;
  backupPort?: number;
  logger: Logger;
}

export interface PairState {
  name: string;
  nodes: { name: string; port: number; role: string; alive: boolean; clients: number; distributed: number }[];
}

export class SipServerPair {
  readonly nodes: [TlibServerNode, TlibServerNode];

  constructor(private readonly opts: PairOptions) {
    this.nodes = [
      new TlibServerNode(`${opts.name}_P`, 'primary', opts.logger, opts.host, opts.port ?? 0),
      new TlibServerNode(`${opts.name}_B`, 'backup', opts.logger, opts.host, opts.backupPort ?? 0),
    ];
  }

  get name(): string {
    return this.opts.name;
  }

  async start(): Promise<void> {
    await this.nodes[0].listen();
    await this.nodes[1].listen();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.kill()));
  }

  distribute(ev: PreparedEvent): void {
    this.nodes[0].distribute(ev);
    this.nodes[1].distribute(ev);
  }

  primary(): TlibServerNode | undefined {
    return this.nodes.find((n) => n.alive && n.role === 'primary');
  }

  switchover(): void {
    const [a, b] = this.nodes;
    if (!a.alive || !b.alive) throw new Error(`${this.name}: a switchover needs both servers up`);
    const newPrimary = a.role === 'primary' ? b : a;
    const old = newPrimary === a ? b : a;
    old.setRole('backup');
    newPrimary.setRole('primary');
    this.opts.logger.info({ pair: this.name, primary: newPrimary.name }, 'switchover');
  }

  async killPrimary(): Promise<void> {
    const p = this.primary();
    if (!p) throw new Error(`${this.name}: no primary is up`);
    await p.kill();
    const other = this.nodes.find((n) => n !== p);
    other?.setRole('primary');
    p.role = 'backup';
    this.opts.logger.info({ pair: this.name, killed: p.name }, 'primary killed');
  }

  async restorePrimary(): Promise<void> {
    const dead = this.nodes.find((n) => !n.alive);
    if (!dead) return;
    dead.role = this.nodes.some((n) => n.alive && n.role === 'primary') ? 'backup' : 'primary';
    await dead.listen();
    this.opts.logger.info({ pair: this.name, restored: dead.name, role: dead.role }, 'server restored');
  }

  state(): PairState {
    return {
      name: this.name,
      nodes: this.nodes.map((n) => ({
        name: n.name,
        port: n.port,
        role: n.role,
        alive: n.alive,
        clients: n.clients,
        distributed: n.distributed,
      })),
    };
  }
}
