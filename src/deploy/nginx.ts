// The load balancer of the recording deployment (seed 003): which EXCP and EXRP instances sit behind
// which nginx port, from the deployment .env (pure), and the two files nginx reads, rendered from the
// templates in deploy/nginx/. Reading the templates is the only I/O, kept in `readNginxTemplates`.
import { readFileSync } from 'node:fs';
import { host, port } from '../core/config/schemas.ts';

/** The load balancer's EXCP port of the lab (DESIGN §2); a site sets its own (the MCP profile's callrec_dest). */
export const DEFAULT_EXCP_LB_PORT = 3660;
/** The load balancer's EXRP port of the lab, when the .env has no EXCP_RECORDING_PROCESSOR_PROXY_PORT. */
export const DEFAULT_EXRP_LB_PORT = 8070;

export interface NginxBlock {
  upstream: string;
  /** What the block is for, in a comment. */
  comment: string;
  listen: number;
  servers: { address: string; port: number }[];
}

export interface NginxPlan {
  blocks: NginxBlock[];
}

export interface NginxOptions {
  /** nginx port for EXCP pair 1; pair n listens on this + n − 1. */
  excpPort?: number;
  /** nginx port for EXRP; default EXCP_RECORDING_PROCESSOR_PROXY_PORT, else 8070. */
  exrpPort?: number;
  /** Address the server blocks listen on (all addresses when not given). */
  listenAddress?: string;
}

export interface NginxTemplates {
  main: string;
  upstreams: string;
  upstream: string;
  upstreamServer: string;
  server: string;
}

const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The blocks the .env calls for, or every problem (one line each, variable first). */
export function nginxPlan(
  env: Readonly<Record<string, string>>,
  o: NginxOptions = {},
): { plan: NginxPlan; problems: string[] } {
  const problems: string[] = [];
  const portOf = (name: string, value: string | undefined, fallback?: number): number => {
    if (value === undefined || value === '') {
      if (fallback !== undefined) return fallback;
      problems.push(`${name}: missing (expected 1-65535)`);
      return 0;
    }
    const r = port.safeParse(value);
    if (!r.success) problems.push(`${name}: "${value}" is not a port number (expected 1-65535)`);
    return r.success ? Number(r.data) : 0;
  };
  const hostsOf = (name: string, value: string | undefined, count?: number): string[] => {
    const hosts = list(value);
    for (const h of hosts)
      if (!host.safeParse(h).success) problems.push(`${name}: "${h}" is not a host name or IP address`);
    if (count !== undefined && hosts.length !== count)
      problems.push(
        `${name}: ${hosts.length} address${hosts.length === 1 ? '' : 'es'} (expected ${count}: host,host)`,
      );
    return hosts;
  };
  const blocks: NginxBlock[] = [];
  const pairs = Object.keys(env)
    .map((k) => /^EXCP_(\d+)_VM_HOST_PAIR$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  if (!pairs.length)
    problems.push('EXCP_1_VM_HOST_PAIR: missing (expected host,host): no EXCP pair to balance');
  const excpBase = o.excpPort ?? DEFAULT_EXCP_LB_PORT;
  pairs.forEach((pair, i) => {
    const hosts = hostsOf(`EXCP_${pair}_VM_HOST_PAIR`, env[`EXCP_${pair}_VM_HOST_PAIR`], 2);
    const p = portOf(`EXCP_${pair}_PORT`, env[`EXCP_${pair}_PORT`], 3650);
    blocks.push({
      upstream: pair === 1 ? 'excp' : `excp_${pair}`,
      comment: `conversation provider, pair ${pair}: recording metadata from MCP (recordingclient.callrec_dest)`,
      listen: excpBase + i,
      servers: hosts.map((address) => ({ address, port: p })),
    });
  });
  if (env.EXRP_VM_HOST_LIST !== undefined) {
    const hosts = hostsOf('EXRP_VM_HOST_LIST', env.EXRP_VM_HOST_LIST);
    if (!hosts.length) problems.push('EXRP_VM_HOST_LIST: no address (expected host,host,…)');
    const p = portOf('EXRP_PORT', env.EXRP_PORT, 8080);
    const listen =
      o.exrpPort ??
      portOf(
        'EXCP_RECORDING_PROCESSOR_PROXY_PORT',
        env.EXCP_RECORDING_PROCESSOR_PROXY_PORT,
        DEFAULT_EXRP_LB_PORT,
      );
    blocks.push({
      upstream: 'exrp',
      comment: 'recording provider: interaction ends from EXCP (EXCP_RECORDING_PROCESSOR_PROXY_HOST/PORT)',
      listen,
      servers: hosts.map((address) => ({ address, port: p })),
    });
  }
  const ports = blocks.map((b) => b.listen);
  const clash = ports.find((p, i) => ports.indexOf(p) !== i);
  if (clash !== undefined) problems.push(`nginx: two server blocks would listen on port ${clash}`);
  return { plan: { blocks }, problems };
}

const fill = (template: string, values: Record<string, string | number>): string =>
  Object.entries(values).reduce((t, [k, v]) => t.replaceAll(`{{${k}}}`, String(v)), template);

const trimEnd = (s: string): string => s.replace(/\n+$/, '');

/** `nginx.conf` and `nginx-upstreams.conf` (the seed's file names) for a plan. */
export function renderNginx(
  plan: NginxPlan,
  t: NginxTemplates,
  o: Pick<NginxOptions, 'listenAddress'> = {},
): Record<'nginx.conf' | 'nginx-upstreams.conf', string> {
  const upstreams = plan.blocks
    .map((b) =>
      trimEnd(
        fill(t.upstream, {
          name: b.upstream,
          servers: b.servers.map((s) => trimEnd(fill(t.upstreamServer, s))).join('\n'),
        }),
      ),
    )
    .join('\n\n');
  const servers = plan.blocks
    .map((b) =>
      trimEnd(
        fill(t.server, {
          comment: b.comment,
          listen: o.listenAddress ? `${o.listenAddress}:${b.listen}` : b.listen,
          upstream: b.upstream,
        }),
      ),
    )
    .join('\n\n');
  return {
    'nginx.conf': fill(t.main, { servers }),
    'nginx-upstreams.conf': fill(t.upstreams, { upstreams }),
  };
}

const TEMPLATES = new URL('../../deploy/nginx/', import.meta.url);

export function readNginxTemplates(): NginxTemplates {
  const read = (name: string) => readFileSync(new URL(name, TEMPLATES), 'utf8');
  return {
    main: read('nginx.conf'),
    upstreams: read('nginx-upstreams.conf'),
    upstream: read('upstream.conf.tmpl'),
    upstreamServer: read('upstream-server.conf.tmpl'),
    server: read('server.conf.tmpl'),
  };
}
