// What the variable catalogue is made of: the spec of one variable and the zod schemas of the value
// forms the seed uses (ports, hosts, booleans, log levels, server pairs…).
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

export const str = z.string().trim().min(1, 'is empty');
export const host = str.regex(/^[A-Za-z0-9._:[\]-]+$/, 'is not a host name or IP address');
export const port = z
  .string()
  .trim()
  .regex(/^\d+$/, 'is not a port number')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'is not a port number');
export const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v === 'true' || v === 'false', 'is not true or false')
  .transform((v) => v === 'true');
export const url = str.refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'is not an http(s) URL');
export const hostPort = /^[A-Za-z0-9._-]+:\d{1,5}$/;
/** `primary:port/backup:port`, several pairs separated by commas (seed: "primary1:port/backup1:port"). */
export const serverPairs = str.refine(
  (v) =>
    v.split(',').every((pair) => {
      const parts = pair.trim().split('/');
      return parts.length >= 1 && parts.length <= 2 && parts.every((p) => hostPort.test(p.trim()));
    }),
  'is not of the form host:port/host:port',
);
export const hostList = str.refine(
  (v) => v.split(',').every((h) => /^[A-Za-z0-9._-]+$/.test(h.trim())),
  'is not a comma-separated list of hosts',
);
export const LOG_LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const;
export const logLevel = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => (LOG_LEVELS as readonly string[]).includes(v), 'is not a log level');
export const size = z
  .string()
  .trim()
  .regex(/^\d+\s*[KMG]?B?$/i, 'is not a size');
export const positiveInt = z.string().trim().regex(/^\d+$/, 'is not a whole number').transform(Number);
export const dbType = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['postgresql', 'oracle', 'mssql'].includes(v), 'is not a Config DB type');

export const LEVEL_EXPECTED = `one of ${LOG_LEVELS.join(', ')} (any case)`;

export function serviceVars(svc: ServiceName, prefix: string, extra: VariableSpec[]): VariableSpec[] {
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
