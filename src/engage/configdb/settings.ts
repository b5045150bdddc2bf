// EXCS_CONFIG_DB_* settings (seed 003 .env table; DESIGN §3): validated values from the shared
// config core (which resolves EXCS_CONFIG_DB_PASSWORD_FILE) as one typed object.
import { ConfigError } from '../../core/errors.ts';
import { formatProblem, loadEnv } from '../../core/config/load.ts';
import { validateService } from '../../core/config/validate.ts';

export type ConfigDbType = 'postgresql' | 'oracle' | 'mssql';

export interface ConfigDbSettings {
  type: ConfigDbType;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  ssl: boolean;
}

const KEYS = {
  host: 'EXCS_CONFIG_DB_HOST',
  port: 'EXCS_CONFIG_DB_PORT',
  user: 'EXCS_CONFIG_DB_USER',
  password: 'EXCS_CONFIG_DB_PASSWORD',
  database: 'EXCS_CONFIG_DB_NAME',
} as const;

/** From the parsed variables of a validated service config (CommonConfig.vars). */
export function configDbSettingsFrom(vars: Record<string, unknown>): ConfigDbSettings {
  const missing = Object.values(KEYS).filter((k) => vars[k] === undefined || vars[k] === '');
  if (missing.length > 0) {
    throw new ConfigError(
      'Config DB settings are incomplete',
      missing.map((k) => `${k}: is not set`),
    );
  }
  const type = (vars.EXCS_CONFIG_DB_TYPE as ConfigDbType | undefined) ?? 'postgresql';
  return {
    type,
    host: String(vars[KEYS.host]),
    port: Number(vars[KEYS.port]),
    user: String(vars[KEYS.user]),
    password: String(vars[KEYS.password]),
    database: String(vars[KEYS.database]),
    ssl: vars.EXCS_CONFIG_DB_SSL === true,
  };
}

/** For tools run outside a service (plan, preflight, bench): reads and validates the environment. */
export function configDbSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ConfigDbSettings {
  const loaded = loadEnv({ env });
  const validated = validateService('excs', loaded.values);
  const problems = [...loaded.problems, ...validated.problems]
    .filter((p) => p.variable.startsWith('EXCS_CONFIG_DB_'))
    .map(formatProblem);
  if (problems.length > 0) throw new ConfigError('Config DB settings are invalid', problems);
  return configDbSettingsFrom(validated.parsed);
}
