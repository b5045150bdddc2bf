// `exec-connector run excp [--pair n]`: one EXCP instance in the service runtime (port EXCP_<n>_PORT,
// default 3650). Both instances of a pair run this with the same variables.
import type { CommonConfig } from '../../core/config/service-config.ts';
import { ConfigError } from '../../core/errors.ts';
import type { ServiceModule } from '../runtime.ts';
import type { LinkKind } from './core/api.ts';
import { parseSwitches } from './inputs/sites.ts';
import { createConversationProvider, type ConversationProviderOptions } from './service.ts';

/** The pair number the validated variables are for (EXCP_<n>_VOICE_SERVER_VQ). */
export function pairOf(config: CommonConfig): number {
  for (const name of Object.keys(config.vars)) {
    const m = /^EXCP_(\d+)_VOICE_SERVER_VQ$/.exec(name);
    if (m) return Number(m[1]);
  }
  return 1;
}

export function excpOptions(
  config: CommonConfig,
  env: NodeJS.ProcessEnv = process.env,
): ConversationProviderOptions {
  const v = config.vars;
  const n = pairOf(config);
  const servers = {} as Record<LinkKind, string>;
  for (const [kind, suffix] of [
    ['vq', 'VQ'],
    ['agent', 'AGENT'],
    ['call', 'CALL'],
  ] as const) {
    servers[kind] = String(v[`EXCP_${n}_VOICE_SERVER_${suffix}`] ?? '');
  }
  let switches: Map<string, string>;
  try {
    switches = parseSwitches(v[`EXCP_${n}_SWITCHES`] as string | undefined);
  } catch (err) {
    throw new ConfigError('excp configuration is not valid', [
      `EXCP_${n}_SWITCHES: ${(err as Error).message}`,
    ]);
  }
  const excsUrl =
    typeof v.EXEC_EXCS_URL === 'string'
      ? v.EXEC_EXCS_URL
      : `http://${env.EXCS_VM_HOST ?? '127.0.0.1'}:${String(v.EXCS_PORT ?? 3640)}`;
  // Recording injection when the load balancer in front of EXRP is configured (seed 003, "EXCP Parameters").
  const lbHost = v.EXCP_RECORDING_PROCESSOR_PROXY_HOST;
  const lbPort = v.EXCP_RECORDING_PROCESSOR_PROXY_PORT;
  const recording =
    typeof lbHost === 'string' && lbPort !== undefined
      ? {
          exrpUrl: `http://${lbHost}:${String(lbPort)}`,
          ...(typeof v.EXCP_GIR_HOST === 'string' && v.EXCP_GIR_HOST ? { girHost: v.EXCP_GIR_HOST } : {}),
        }
      : undefined;
  return {
    ...(recording ? { recording } : {}),
    servers,
    switches,
    excsUrl,
    apiToken: config.apiToken,
    gc: config.gc,
    // One inbox and lease per deployment (all pairs share it, so multi-site calls chain): the tenant.
    group: config.tenantId,
  };
}

export const excpModule: ServiceModule = {
  name: 'excp',
  port: (config) => Number(config.vars[`EXCP_${pairOf(config)}_PORT`] ?? 3650),
  async create(deps) {
    const excp = createConversationProvider(deps, excpOptions(deps.config));
    return { health: excp.health, routes: excp.routes, start: excp.start, stop: excp.stop };
  },
};
