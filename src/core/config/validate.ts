// Validation of variables against the catalogue: a whole deployment (check-env) or one service (run).
import type { z } from 'zod';
import { MIN_SECRET_LENGTH } from '../redact.ts';
import { parseFolderNames } from './folder-filter.ts';
import type { Problem } from './load.ts';
import { excpPairVariables, VARIABLES, type ServiceName, type VariableSpec } from './variables.ts';

export interface Validated {
  problems: Problem[];
  /** Parsed values (defaults applied) by variable name. */
  parsed: Record<string, unknown>;
}

/** Pair numbers `n` for which some `EXCP_<n>_*` variable is set. */
export function excpPairs(values: Record<string, string>): number[] {
  const pairs = new Set<number>();
  for (const k of Object.keys(values)) {
    const m = /^EXCP_(\d+)_/.exec(k);
    if (m) pairs.add(Number(m[1]));
  }
  return [...pairs].sort((a, b) => a - b);
}

export function isRecordingDeployment(values: Record<string, string>): boolean {
  return VARIABLES.some((v) => v.recording && values[v.name] !== undefined);
}

function describeValue(spec: VariableSpec, raw: string): string {
  return spec.secret ? 'the value' : JSON.stringify(raw);
}

function check(spec: VariableSpec, values: Record<string, string>, required: boolean, out: Validated): void {
  const raw = values[spec.name];
  if (raw === undefined || raw.trim() === '') {
    if (required) {
      const hint = spec.secret ? ` or ${spec.name}_FILE` : '';
      out.problems.push({ variable: spec.name, message: `is not set (expected ${spec.expected}${hint})` });
      return;
    }
    if (spec.default !== undefined) out.parsed[spec.name] = parseOrThrow(spec.schema, spec.default);
    return;
  }
  const res = spec.schema.safeParse(raw);
  if (res.success && spec.secret && raw.trim().length < MIN_SECRET_LENGTH) {
    // A short secret occurs by chance in ordinary text: it cannot be kept out of logs (docs/security.md).
    out.problems.push({
      variable: spec.name,
      message: `the value is too short to keep out of logs safely (expected at least ${MIN_SECRET_LENGTH} characters)`,
    });
  } else if (res.success) {
    out.parsed[spec.name] = res.data;
  } else {
    const why = res.error.issues[0]?.message ?? 'is not valid';
    out.problems.push({
      variable: spec.name,
      message: `${describeValue(spec, raw)} ${why} (expected ${spec.expected})`,
    });
  }
}

function parseOrThrow(schema: z.ZodType<unknown>, v: string): unknown {
  return schema.parse(v);
}

/** check-env: every service of the deployment, mandatory variables required. */
export function validateDeployment(values: Record<string, string>): Validated {
  const out: Validated = { problems: [], parsed: {} };
  const recording = isRecordingDeployment(values);
  const pairs = excpPairs(values);
  const specs = [...VARIABLES, ...(pairs.length ? pairs : [1]).flatMap(excpPairVariables)];
  for (const spec of specs) {
    if (spec.recording && !recording) continue;
    const required = spec.mandatory === true && spec.name !== 'EXCS_CONFIG_DB_TYPE';
    check(spec, values, required, out);
  }
  checkCrossRules(values, out);
  return out;
}

/** run <svc>: only what the service uses; only what it needs is required. */
export function validateService(svc: ServiceName, values: Record<string, string>, pair = 1): Validated {
  const out: Validated = { problems: [], parsed: {} };
  const specs = [...VARIABLES, ...(svc === 'excp' ? excpPairVariables(pair) : [])];
  for (const spec of specs) {
    const used = spec.usedBy === 'all' || spec.usedBy.includes(svc);
    if (!used) continue;
    check(spec, values, spec.requiredBy?.includes(svc) === true, out);
  }
  checkCrossRules(values, out);
  return out;
}

function checkCrossRules(values: Record<string, string>, out: Validated): void {
  if (out.parsed.EXEC_REDIS_SECURE === true && !values.EXEC_REDIS_PASSWORD) {
    out.problems.push({
      variable: 'EXEC_REDIS_PASSWORD',
      message: 'is not set but EXEC_REDIS_SECURE is true (expected a password or EXEC_REDIS_PASSWORD_FILE)',
    });
  }
  const folders = values.EXCS_SYNC_CUSTOMER_FOLDER_NAME;
  if (out.parsed.EXCS_SYNC_CUSTOMER_OBJECTS_ONLY === true && parseFolderNames(folders ?? '').length === 0) {
    out.problems.push({
      variable: 'EXCS_SYNC_CUSTOMER_FOLDER_NAME',
      message: `${folders?.trim() ? `${JSON.stringify(folders)} lists no folder name` : 'is not set'} but EXCS_SYNC_CUSTOMER_OBJECTS_ONLY is true (expected folder names separated by commas)`,
    });
  }
}
