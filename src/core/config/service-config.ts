// Typed views of the validated variables that every service shares: Redis, logging, Genesys Cloud
// overrides, the API token. Service-specific views live beside each service.
import { ConfigError } from '../errors.ts';
import { createRedactor } from '../redact.ts';
import { formatProblem, loadEnv, type Problem } from './load.ts';
import { validateService, type Validated } from './validate.ts';
import type { ServiceName } from './variables.ts';

export interface RedisSettings {
  host: string;
  port: number;
  password?: string;
  tls: boolean;
  sentinels?: { host: string; port: number }[];
  sentinelName: string;
  keyPrefix: string;
}

export interface LogSettings {
  consoleEnabled: boolean;
  consoleLevel: string;
  fileEnabled: boolean;
  fileLevel: string;
  filePath?: string;
  fileSize: string;
  maxBackupIndex: number;
  json: boolean;
  /** `<SERVICE>_LOG_LEVEL`, which wins over LOG_CONSOLE_LEVEL when set. */
  serviceLevel?: string;
}

export interface GcOverrides {
  apiUrl?: string;
  authUrl?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface CommonConfig {
  service: ServiceName;
  tenantId: string;
  orgId?: string;
  redis: RedisSettings;
  log: LogSettings;
  gc: GcOverrides;
  apiToken?: string;
  /** Every secret value, for redaction. */
  secrets: string[];
  /** Problems that do not stop a start (an alias used), logged as warnings when the service starts. */
  warnings?: string[];
  /** All parsed values by variable name, for service-specific views. */
  vars: Record<string, unknown>;
}

function opt<T>(v: unknown): T | undefined {
  return v === undefined ? undefined : (v as T);
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const LOG_PREFIX: Record<ServiceName, string> = { excs: 'EXCS', exas: 'EXAS', excp: 'EXCP_1', exrp: 'EXRP' };

export function commonConfig(
  service: ServiceName,
  v: Record<string, unknown>,
  secrets: string[],
  pair = 1,
): CommonConfig {
  const prefix = service === 'excp' ? `EXCP_${pair}` : LOG_PREFIX[service];
  const logPath = opt<string>(v[`${prefix}_LOG_PATH`]);
  const logName = opt<string>(v[`${prefix}_LOG_FILENAME`] ?? v[`${prefix}_LOG_FILE_NAME`]);
  const serviceFile = logPath ? `${logPath.replace(/\/$/, '')}/${logName ?? `${service}.log`}` : undefined;
  const sentinels = opt<string>(v.EXEC_REDIS_SENTINELS)
    ?.split(',')
    .map((hp) => {
      const [host, port] = hp.trim().split(':');
      return { host: host as string, port: Number(port) };
    });
  const tenantId = String(v.EXEC_TENANT_ID ?? '1');
  return {
    service,
    tenantId,
    ...defined({ orgId: opt<string>(v.EXEC_ORG_ID), apiToken: opt<string>(v.EXEC_API_TOKEN) }),
    redis: defined({
      host: String(v.EXEC_REDIS_HOST ?? '127.0.0.1'),
      port: Number(v.EXEC_REDIS_PORT ?? 6379),
      password: opt<string>(v.EXEC_REDIS_PASSWORD),
      tls: v.EXEC_REDIS_TLS === true,
      sentinels,
      sentinelName: String(v.EXEC_REDIS_SENTINEL_NAME ?? 'mymaster'),
      keyPrefix: opt<string>(v.EXEC_REDIS_KEY_PREFIX) ?? `exec:${tenantId}:`,
    }),
    log: defined({
      consoleEnabled: v.LOG_CONSOLE_ENABLE !== false,
      consoleLevel: String(v.LOG_CONSOLE_LEVEL ?? 'INFO'),
      fileEnabled: v.LOG_FILE_ENABLE === true || serviceFile !== undefined,
      fileLevel: String(v.LOG_FILE_LEVEL ?? 'INFO'),
      filePath: serviceFile ?? (v.LOG_FILE_ENABLE === true ? opt<string>(v.LOG_FILE_PATH) : undefined),
      fileSize: String(v.LOG_FILE_SIZE ?? '50M'),
      maxBackupIndex: Number(v.LOG_FILE_MAX_BACKUP_INDEX ?? 10),
      json: v.LOG_JSON_ENABLE !== false,
      serviceLevel: opt<string>(v[`${prefix}_LOG_LEVEL`]),
    }),
    gc: defined({
      apiUrl: opt<string>(v.EXEC_GC_API_URL),
      authUrl: opt<string>(v.EXEC_GC_AUTH_URL),
      clientId: opt<string>(v.EXEC_GC_CLIENT_ID),
      clientSecret: opt<string>(v.EXEC_GC_CLIENT_SECRET),
    }),
    secrets,
    vars: v,
  };
}

/**
 * Loads and validates what `run <svc>` needs, all at once. Throws one ConfigError listing every
 * problem; a service never starts half-configured.
 */
export function loadServiceConfig(
  service: ServiceName,
  opts: { env?: NodeJS.ProcessEnv; envFile?: string; pair?: number } = {},
): CommonConfig {
  const loaded = loadEnv({ env: opts.env ?? process.env, envFile: opts.envFile });
  const validated: Validated = validateService(service, loaded.values, opts.pair ?? 1);
  const problems: Problem[] = [...loaded.problems, ...validated.problems];
  if (problems.length) {
    const redact = createRedactor(loaded.secrets);
    throw new ConfigError(
      `${service} configuration is not valid`,
      problems.map((p) => redact(formatProblem(p))),
    );
  }
  const config = commonConfig(service, validated.parsed, loaded.secrets, opts.pair ?? 1);
  return { ...config, warnings: loaded.warnings.map(formatProblem) };
}
