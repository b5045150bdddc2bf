// `exec-connector run exas`: EXAS in the service runtime (port EXAS_PORT, default 3630).
import type { CommonConfig } from '../../core/config/service-config.ts';
import type { ServiceModule } from '../runtime.ts';
import { createAgentStateSync, type AgentStateSyncOptions } from './service.ts';

/** The EXAS options from the validated variables (docs/agent-state-sync.md lists them). */
export function exasOptions(
  config: CommonConfig,
  env: NodeJS.ProcessEnv = process.env,
): AgentStateSyncOptions {
  const v = config.vars;
  const excsUrl =
    typeof v.EXEC_EXCS_URL === 'string'
      ? v.EXEC_EXCS_URL
      : `http://${env.EXCS_VM_HOST ?? '127.0.0.1'}:${String(v.EXCS_PORT ?? 3640)}`;
  return {
    primary: { host: String(v.EXAS_STAT_SERVER_PRIMARY_HOST), port: Number(v.EXAS_STAT_SERVER_PRIMARY_PORT) },
    backup: { host: String(v.EXAS_STAT_SERVER_BACKUP_HOST), port: Number(v.EXAS_STAT_SERVER_BACKUP_PORT) },
    // Statistics name the Engage tenant (its own variable: TENANT_NAME belongs to queue descriptions).
    tenant: typeof v.EXAS_STAT_SERVER_TENANT === 'string' ? v.EXAS_STAT_SERVER_TENANT : 'Resources',
    excsUrl,
    apiToken: config.apiToken,
    gc: config.gc,
  };
}

export const exasModule: ServiceModule = {
  name: 'exas',
  port: (config) => Number(config.vars.EXAS_PORT ?? 3630),
  async create(deps) {
    const exas = createAgentStateSync(deps, exasOptions(deps.config));
    return { health: exas.health, start: exas.start, stop: exas.stop };
  },
};
