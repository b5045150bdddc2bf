// The catalogue of deployment variables: the seed's .env tables (no-media and recording parts, seed 003
// "Configuring .env file"), its LOG_* table ("Logging"), and the pinned EXEC_GC_* overrides (DESIGN §3).
// One entry per variable; `EXCP_<n>_*` entries are templates expanded per pair found in the environment.
import { z } from 'zod';

export type ServiceName = 'excs' | 'exas' | 'excp' | 'exrp';
export const SERVICES: readonly ServiceName[] = ['excs', 'exas', 'excp', 'exrp'];

/** Who needs a variable: the bootstrap (`deploy`, checked by check-env) and/or a running service. */
export interface VariableSpec {
  name: string;
  description: string;
  schema: z.ZodType<unknown>;
  /** Expected form, said in problem lines. */
  expected: string;
  /** Marked * in the seed: check-env requires it in a deployment that has this part. */
  mandatory?: boolean;
  /** Required by `run <svc>` for these services. */
  requiredBy?: readonly ServiceName[];
  /** Read by these services (documentation, and the summary of check-env). */
  usedBy: readonly ServiceName[] | 'all';
  part: 'common' | ServiceName | 'logging' | 'overrides';
  /** Only for recording deployments (seed 003, "Recording Deployment"). */
  recording?: boolean;
  secret?: boolean;
  default?: string;
}

const str = z.string().trim().min(1, 'is empty');
const host = str.regex(/^[A-Za-z0-9._:[\]-]+$/, 'is not a host name or IP address');
const port = z
  .string()
  .trim()
  .regex(/^\d+$/, 'is not a port number')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'is not a port number');
const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v === 'true' || v === 'false', 'is not true or false')
  .transform((v) => v === 'true');
const url = str.refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'is not an http(s) URL');
const hostPort = /^[A-Za-z0-9._-]+:\d{1,5}$/;
/** `primary:port/backup:port`, several pairs separated by commas (seed: "primary1:port/backup1:port"). */
export const serverPairs = str.refine(
  (v) =>
    v.split(',').every((pair) => {
      const parts = pair.trim().split('/');
      return parts.length >= 1 && parts.length <= 2 && parts.every((p) => hostPort.test(p.trim()));
    }),
  'is not of the form host:port/host:port',
);
const hostList = str.refine(
  (v) => v.split(',').every((h) => /^[A-Za-z0-9._-]+$/.test(h.trim())),
  'is not a comma-separated list of hosts',
);
export const LOG_LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const;
const logLevel = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => (LOG_LEVELS as readonly string[]).includes(v), 'is not a log level');
const size = z
  .string()
  .trim()
  .regex(/^\d+\s*[KMG]?B?$/i, 'is not a size');
const positiveInt = z.string().trim().regex(/^\d+$/, 'is not a whole number').transform(Number);
const dbType = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['postgresql', 'oracle', 'mssql'].includes(v), 'is not a Config DB type');

const LEVEL_EXPECTED = `one of ${LOG_LEVELS.join(', ')} (any case)`;

function serviceVars(svc: ServiceName, prefix: string, extra: VariableSpec[]): VariableSpec[] {
  return [
    ...extra,
    {
      name: `${prefix}_LOG_LEVEL`,
      description: `${svc.toUpperCase()} log level: trace, debug, info, warn, error, fatal`,
      schema: logLevel,
      expected: LEVEL_EXPECTED,
      usedBy: [svc],
      part: svc,
    },
    {
      name: `${prefix}_LOG_PATH`,
      description: 'Folder for log files; when not given, logs go to stdout only',
      schema: str,
      expected: 'a folder path',
      usedBy: [svc],
      part: svc,
    },
  ];
}

const C: VariableSpec[] = [
  {
    name: 'EXEC_DOCKER_REPOSITORY',
    description: 'Repository the EXEC images are pulled from',
    schema: str,
    expected: 'a repository',
    mandatory: true,
    usedBy: [],
    part: 'common',
  },
  {
    name: 'EXEC_INFRA_DOCKER_REPOSITORY',
    description: 'Repository for Redis, Grafana and Prometheus images; Docker Hub when empty',
    schema: z.string(),
    expected: 'a repository',
    usedBy: [],
    part: 'common',
  },
  {
    name: 'EXEC_HOST_LOGS_VOLUME_PATH',
    description: 'Host folder mounted in the containers for logs',
    schema: str,
    expected: 'a folder path',
    mandatory: true,
    usedBy: [],
    part: 'common',
  },
  {
    name: 'EXEC_ORG_ID',
    description: 'EX Org id (Admin / Organization Settings / Organization Details / Advanced)',
    schema: str.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not a UUID'),
    expected: 'a UUID',
    mandatory: true,
    usedBy: 'all',
    part: 'common',
  },
  {
    name: 'EXEC_TENANT_ID',
    description: 'Unique id of the Engage tenant (the Tenant DBID may be used)',
    schema: str,
    expected: 'an id',
    mandatory: true,
    requiredBy: ['excs', 'exas', 'excp'],
    usedBy: 'all',
    part: 'common',
  },
  {
    name: 'EXEC_REDIS_HOST',
    description: 'Redis server (or enterprise Redis proxy) address',
    schema: host,
    expected: 'a host name or IP address',
    mandatory: true,
    requiredBy: ['excs', 'exas', 'excp', 'exrp'],
    usedBy: 'all',
    part: 'common',
  },
  {
    name: 'EXEC_REDIS_PORT',
    description: 'Redis server port',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    usedBy: 'all',
    part: 'common',
    default: '6379',
  },
  {
    name: 'EXEC_REDIS_SECURE',
    description: 'true when Redis is password protected (requirepass)',
    schema: bool,
    expected: 'true or false',
    usedBy: 'all',
    part: 'common',
    default: 'false',
  },
  {
    name: 'EXEC_REDIS_PASSWORD',
    description: 'Redis password (prompted by init; or EXEC_REDIS_PASSWORD_FILE)',
    schema: str,
    expected: 'a password',
    secret: true,
    usedBy: 'all',
    part: 'common',
  },
  {
    name: 'EXEC_REDIS_TLS',
    description: 'true to connect to Redis over TLS (addition)',
    schema: bool,
    expected: 'true or false',
    usedBy: 'all',
    part: 'common',
    default: 'false',
  },
  {
    name: 'EXEC_REDIS_SENTINELS',
    description: 'Sentinel host:port list; when set, EXEC_REDIS_HOST/PORT are ignored (addition)',
    schema: str.refine(
      (v) => v.split(',').every((x) => hostPort.test(x.trim())),
      'is not a comma-separated host:port list',
    ),
    expected: 'host:port,host:port',
    usedBy: 'all',
    part: 'common',
  },
  {
    name: 'EXEC_REDIS_SENTINEL_NAME',
    description: 'Sentinel master name (addition)',
    schema: str,
    expected: 'a name',
    usedBy: 'all',
    part: 'common',
    default: 'mymaster',
  },
  {
    name: 'EXEC_REDIS_KEY_PREFIX',
    description: 'Prefix of every Redis key; the default keeps tenants apart (addition)',
    schema: str,
    expected: 'a key prefix',
    usedBy: 'all',
    part: 'common',
  },
  {
    name: 'EXEC_API_TOKEN',
    description: 'When set, /api/* requires `Authorization: Bearer <token>` (addition)',
    schema: str,
    expected: 'a token',
    secret: true,
    usedBy: 'all',
    part: 'common',
  },
  {
    name: 'EXEC_EXCS_URL',
    description: 'Where EXAS and EXCP reach EXCS; default http://EXCS_VM_HOST:EXCS_PORT (addition)',
    schema: url,
    expected: 'an http(s) URL',
    usedBy: ['exas', 'excp'],
    part: 'common',
  },
  {
    name: 'TENANT_NAME',
    description: 'Tenant name in queue descriptions (else TENANT_ID, else default_tenant)',
    schema: str,
    expected: 'a name',
    usedBy: ['excs'],
    part: 'common',
  },
  {
    name: 'TENANT_ID',
    description: 'Tenant in queue descriptions when TENANT_NAME is not set',
    schema: str,
    expected: 'an id',
    usedBy: ['excs'],
    part: 'common',
  },
];

const OVERRIDES: VariableSpec[] = [
  {
    name: 'EXEC_GC_API_URL',
    description: 'Genesys Cloud base service URL, overrides the hybrid_integration transaction',
    schema: url,
    expected: 'an http(s) URL',
    usedBy: 'all',
    part: 'overrides',
  },
  {
    name: 'EXEC_GC_AUTH_URL',
    description: 'Genesys Cloud login base URL, overrides the hybrid_integration transaction',
    schema: url,
    expected: 'an http(s) URL',
    usedBy: 'all',
    part: 'overrides',
  },
  {
    name: 'EXEC_GC_CLIENT_ID',
    description: 'OAuth client id, overrides the hybrid_integration transaction',
    schema: str,
    expected: 'a client id',
    usedBy: 'all',
    part: 'overrides',
  },
  {
    name: 'EXEC_GC_CLIENT_SECRET',
    description: 'OAuth client secret, overrides the hybrid_integration transaction',
    schema: str,
    expected: 'a secret',
    secret: true,
    usedBy: 'all',
    part: 'overrides',
  },
];

const EXCS = serviceVars('excs', 'EXCS', [
  {
    name: 'EXCS_VM_HOST',
    description: 'Address of the VM running EXCS',
    schema: host,
    expected: 'a host name or IP address',
    mandatory: true,
    usedBy: [],
    part: 'excs',
  },
  {
    name: 'EXCS_PORT',
    description: 'EXCS HTTP port',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    usedBy: ['excs', 'exas', 'excp'],
    part: 'excs',
    default: '3640',
  },
  {
    name: 'EXCS_TAG',
    description: 'EXCS image version',
    schema: str,
    expected: 'an image tag',
    mandatory: true,
    usedBy: [],
    part: 'excs',
  },
  {
    name: 'EXCS_CONFIG_DB_HOST',
    description: 'Config DB address',
    schema: host,
    expected: 'a host name or IP address',
    mandatory: true,
    requiredBy: ['excs'],
    usedBy: ['excs'],
    part: 'excs',
  },
  {
    name: 'EXCS_CONFIG_DB_PORT',
    description: 'Config DB port',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    requiredBy: ['excs'],
    usedBy: ['excs'],
    part: 'excs',
  },
  {
    name: 'EXCS_CONFIG_DB_USER',
    description: 'Config DB user',
    schema: str,
    expected: 'a user name',
    mandatory: true,
    requiredBy: ['excs'],
    usedBy: ['excs'],
    part: 'excs',
  },
  {
    name: 'EXCS_CONFIG_DB_SSL',
    description: 'Config DB SSL connectivity',
    schema: bool,
    expected: 'true or false',
    mandatory: true,
    usedBy: ['excs'],
    part: 'excs',
    default: 'false',
  },
  {
    name: 'EXCS_CONFIG_DB_PASSWORD',
    description: 'Config DB password (prompted by init; or EXCS_CONFIG_DB_PASSWORD_FILE)',
    schema: str,
    expected: 'a password',
    mandatory: true,
    requiredBy: ['excs'],
    secret: true,
    usedBy: ['excs'],
    part: 'excs',
  },
  {
    name: 'EXCS_CONFIG_DB_NAME',
    description: 'Config DB name',
    schema: str,
    expected: 'a database name',
    mandatory: true,
    requiredBy: ['excs'],
    usedBy: ['excs'],
    part: 'excs',
  },
  {
    name: 'EXCS_CONFIG_DB_TYPE',
    description: 'Config DB type: postgresql, oracle or mssql',
    schema: dbType,
    expected: 'postgresql, oracle or mssql',
    mandatory: true,
    usedBy: ['excs'],
    part: 'excs',
    default: 'postgresql',
  },
  {
    name: 'EXCS_SYNC_CUSTOMER_OBJECTS_ONLY',
    description: 'true: sync only objects under the folders of EXCS_SYNC_CUSTOMER_FOLDER_NAME',
    schema: bool,
    expected: 'true or false',
    usedBy: ['excs'],
    part: 'excs',
    default: 'false',
  },
  {
    name: 'EXCS_SYNC_CUSTOMER_FOLDER_NAME',
    description: 'Comma-separated CME folder names synced (with subfolders) when filtering is on',
    schema: str,
    expected: 'folder names separated by commas',
    usedBy: ['excs'],
    part: 'excs',
  },
  {
    name: 'EXCS_LOG_FILENAME',
    description: "Log file name, e.g. 'excs-<TENANT_ID>.%Y%m%d_%H%M%S_%L.log'",
    schema: str,
    expected: 'a file name',
    mandatory: true,
    usedBy: ['excs'],
    part: 'excs',
  },
  {
    name: 'EXCS_GC_QUEUE_NAME_SUFFIX',
    description: 'Queue name suffix, set to -Engage-external',
    schema: str,
    expected: 'a suffix such as -Engage-external',
    mandatory: true,
    usedBy: ['excs'],
    part: 'excs',
    default: '-Engage-external',
  },
  {
    name: 'EXCS_POLL_INTERVAL_MS',
    description: 'How often the Config DB history is polled for changes (addition)',
    schema: positiveInt,
    expected: 'milliseconds',
    usedBy: ['excs'],
    part: 'excs',
    default: '5000',
  },
]);

const EXAS = serviceVars('exas', 'EXAS', [
  {
    name: 'EXAS_HOST',
    description: 'Address of the VM running EXAS',
    schema: host,
    expected: 'a host name or IP address',
    mandatory: true,
    usedBy: [],
    part: 'exas',
  },
  {
    name: 'EXAS_PORT',
    description: 'EXAS HTTP port',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    usedBy: ['exas'],
    part: 'exas',
    default: '3630',
  },
  {
    name: 'EXAS_TAG',
    description: 'EXAS image version',
    schema: str,
    expected: 'an image tag',
    mandatory: true,
    usedBy: [],
    part: 'exas',
  },
  {
    name: 'EXAS_STAT_SERVER_PRIMARY_HOST',
    description: 'Primary Stat Server host',
    schema: host,
    expected: 'a host name or IP address',
    mandatory: true,
    requiredBy: ['exas'],
    usedBy: ['exas'],
    part: 'exas',
  },
  {
    name: 'EXAS_STAT_SERVER_PRIMARY_PORT',
    description: 'Primary Stat Server port',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    requiredBy: ['exas'],
    usedBy: ['exas'],
    part: 'exas',
  },
  {
    name: 'EXAS_STAT_SERVER_BACKUP_HOST',
    description: 'Backup Stat Server host',
    schema: host,
    expected: 'a host name or IP address',
    mandatory: true,
    requiredBy: ['exas'],
    usedBy: ['exas'],
    part: 'exas',
  },
  {
    name: 'EXAS_STAT_SERVER_BACKUP_PORT',
    description: 'Backup Stat Server port',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    requiredBy: ['exas'],
    usedBy: ['exas'],
    part: 'exas',
  },
  {
    name: 'EXAS_LOG_FILENAME',
    description: "Log file name, e.g. 'exas-<TENANT_ID>.%Y%m%d_%H%M%S_%L.log'",
    schema: str,
    expected: 'a file name',
    mandatory: true,
    usedBy: ['exas'],
    part: 'exas',
  },
]);

/** Templates for one EXCP pair; `<n>` is the pair number. */
export const EXCP_PAIR_TEMPLATE: VariableSpec[] = serviceVars('excp', 'EXCP_<n>', [
  {
    name: 'EXCP_<n>_VM_HOST_PAIR',
    description: 'The two VM addresses of this EXCP pair, comma-separated',
    schema: hostList,
    expected: 'host,host',
    mandatory: true,
    usedBy: [],
    part: 'excp',
  },
  {
    name: 'EXCP_<n>_PORT',
    description: 'EXCP HTTP port',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    usedBy: ['excp'],
    part: 'excp',
    default: '3650',
  },
  {
    name: 'EXCP_<n>_TAG',
    description: 'EXCP image version',
    schema: str,
    expected: 'an image tag',
    mandatory: true,
    usedBy: [],
    part: 'excp',
  },
  {
    name: 'EXCP_<n>_VOICE_SERVER_VQ',
    description: 'SIP Servers for Virtual Queue events',
    schema: serverPairs,
    expected: 'primary:port/backup:port[,…]',
    mandatory: true,
    requiredBy: ['excp'],
    usedBy: ['excp'],
    part: 'excp',
  },
  {
    name: 'EXCP_<n>_VOICE_SERVER_AGENT',
    description: 'SIP Servers for extension DN events',
    schema: serverPairs,
    expected: 'primary:port/backup:port[,…]',
    mandatory: true,
    requiredBy: ['excp'],
    usedBy: ['excp'],
    part: 'excp',
  },
  {
    name: 'EXCP_<n>_VOICE_SERVER_CALL',
    description: 'SIP Servers for call monitoring events',
    schema: serverPairs,
    expected: 'primary:port/backup:port[,…]',
    mandatory: true,
    requiredBy: ['excp'],
    usedBy: ['excp'],
    part: 'excp',
  },
  {
    name: 'EXCP_<n>_LOG_FILE_NAME',
    description: "Log file name, e.g. 'excp-.%Y%m%d_%H%M%S_%L_{TENANT_ID}_{HOSTNAME}.log'",
    schema: str,
    expected: 'a file name',
    mandatory: true,
    usedBy: ['excp'],
    part: 'excp',
  },
]);

const RECORDING: VariableSpec[] = [
  {
    name: 'EXCP_RECORDING_PROCESSOR_PROXY_HOST',
    description: 'Load balancer in front of the EXRP instances',
    schema: host,
    expected: 'a host name or IP address',
    mandatory: true,
    recording: true,
    usedBy: ['excp'],
    part: 'excp',
  },
  {
    name: 'EXCP_RECORDING_PROCESSOR_PROXY_PORT',
    description: 'Port of the load balancer in front of EXRP',
    schema: port,
    expected: '1-65535',
    mandatory: true,
    recording: true,
    usedBy: ['excp'],
    part: 'excp',
  },
  {
    name: 'EXCP_GIR_HOST',
    description: 'GIR Interaction Recording Web Service host:port (GIR integration only)',
    schema: str,
    expected: 'host:port or FQDN',
    recording: true,
    usedBy: ['excp'],
    part: 'excp',
  },
  ...serviceVars('exrp', 'EXRP', [
    {
      name: 'EXRP_VM_HOST_LIST',
      description: 'Comma-separated VM addresses of the EXRP instances',
      schema: hostList,
      expected: 'host,host,…',
      mandatory: true,
      recording: true,
      usedBy: [],
      part: 'exrp',
    },
    {
      name: 'EXRP_PORT',
      description: 'EXRP HTTP port',
      schema: port,
      expected: '1-65535',
      mandatory: true,
      recording: true,
      usedBy: ['exrp'],
      part: 'exrp',
      default: '8080',
    },
    {
      name: 'EXRP_TAG',
      description: 'EXRP image version',
      schema: str,
      expected: 'an image tag',
      mandatory: true,
      recording: true,
      usedBy: [],
      part: 'exrp',
    },
    {
      name: 'EXRP_CONFIG_SERVER_USER',
      description: 'Config Server user',
      schema: str,
      expected: 'a user name',
      mandatory: true,
      recording: true,
      requiredBy: ['exrp'],
      usedBy: ['exrp'],
      part: 'exrp',
    },
    {
      name: 'EXRP_CONFIG_SERVER_PASSWORD',
      description: 'Config Server password (or EXRP_CONFIG_SERVER_PASSWORD_FILE)',
      schema: str,
      expected: 'a password',
      mandatory: true,
      recording: true,
      requiredBy: ['exrp'],
      secret: true,
      usedBy: ['exrp'],
      part: 'exrp',
    },
    {
      name: 'EXRP_CONFIG_SERVER_APPLICATION',
      description: 'Config Server application name',
      schema: str,
      expected: 'an application name',
      mandatory: true,
      recording: true,
      requiredBy: ['exrp'],
      usedBy: ['exrp'],
      part: 'exrp',
    },
    {
      name: 'EXRP_CONFIG_SERVER_PRIMARY_HOST',
      description: 'Config Server address',
      schema: host,
      expected: 'a host name or IP address',
      mandatory: true,
      recording: true,
      requiredBy: ['exrp'],
      usedBy: ['exrp'],
      part: 'exrp',
    },
    {
      name: 'EXRP_CONFIG_SERVER_PRIMARY_PORT',
      description: 'Config Server port',
      schema: port,
      expected: '1-65535',
      mandatory: true,
      recording: true,
      requiredBy: ['exrp'],
      usedBy: ['exrp'],
      part: 'exrp',
    },
  ]).map((v) => ({ ...v, recording: true })),
];

const LOGGING: VariableSpec[] = [
  {
    name: 'LOG_CONSOLE_ENABLE',
    description: 'Log to the console (stdout)',
    schema: bool,
    expected: 'true or false',
    usedBy: 'all',
    part: 'logging',
    default: 'true',
  },
  {
    name: 'LOG_FILE_ENABLE',
    description: 'Log to a file',
    schema: bool,
    expected: 'true or false',
    usedBy: 'all',
    part: 'logging',
    default: 'false',
  },
  {
    name: 'LOG_CONSOLE_LEVEL',
    description: 'Console log level: OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL',
    schema: logLevel,
    expected: LEVEL_EXPECTED,
    usedBy: 'all',
    part: 'logging',
    default: 'INFO',
  },
  {
    name: 'LOG_FILE_LEVEL',
    description: 'File log level: OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL',
    schema: logLevel,
    expected: LEVEL_EXPECTED,
    usedBy: 'all',
    part: 'logging',
    default: 'INFO',
  },
  {
    name: 'LOG_FILE_PATH',
    description: 'File to log to; rotated past LOG_FILE_SIZE',
    schema: str,
    expected: 'a file path',
    usedBy: 'all',
    part: 'logging',
    default: '/rup/logs/ccerp.log',
  },
  {
    name: 'LOG_FILE_SIZE',
    description: 'Size after which the log file rotates',
    schema: size,
    expected: 'a size such as 50M',
    usedBy: 'all',
    part: 'logging',
    default: '50M',
  },
  {
    name: 'LOG_FILE_MAX_BACKUP_INDEX',
    description: 'How many rotated files to keep',
    schema: positiveInt,
    expected: 'a whole number',
    usedBy: 'all',
    part: 'logging',
    default: '10',
  },
  {
    name: 'LOG_JSON_ENABLE',
    description: 'JSON log lines (false: human-readable lines)',
    schema: bool,
    expected: 'true or false',
    usedBy: 'all',
    part: 'logging',
    default: 'true',
  },
];

export const VARIABLES: readonly VariableSpec[] = [
  ...C,
  ...OVERRIDES,
  ...EXCS,
  ...EXAS,
  ...RECORDING,
  ...LOGGING,
];

/** Expands the EXCP templates for pair `n`. */
export function excpPairVariables(n: number): VariableSpec[] {
  return EXCP_PAIR_TEMPLATE.map((v) => ({ ...v, name: v.name.replace('<n>', String(n)) }));
}

export function isSecretName(name: string): boolean {
  return /PASSWORD|SECRET|TOKEN/.test(name);
}
