// Reads variables from the environment and/or an env file, resolving `X_FILE` for every variable `X`
// of the catalogue; other `*_FILE` variables (SSL_CERT_FILE, TF_CLI_CONFIG_FILE…) belong to other tools.
// Nothing here throws on bad input: every problem becomes a line of the report.
import { readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { resolveAliases } from './aliases.ts';
import { isCatalogued, isSecretName } from './variables.ts';

export interface Problem {
  variable: string;
  message: string;
}

export interface LoadedEnv {
  values: Record<string, string>;
  problems: Problem[];
  /** Accepted but worth changing (an alias of a variable); never stops a start. */
  warnings: Problem[];
  /** Secret values found (for redaction), never printed. */
  secrets: string[];
  /** Where each value came from, for messages: 'environment' or the env file path. */
  origin: Record<string, string>;
}

export function formatProblem(p: Problem): string {
  return `${p.variable}: ${p.message}`;
}

/**
 * Loads `envFile` (if any) and then `env` on top of it. `X_FILE=path` gives `X` the file's content
 * (trailing newline removed), so passwords need not be in the .env file; only for catalogue variables.
 */
export function loadEnv(opts: { env?: NodeJS.ProcessEnv; envFile?: string | undefined }): LoadedEnv {
  const problems: Problem[] = [];
  const values: Record<string, string> = {};
  const origin: Record<string, string> = {};
  if (opts.envFile) {
    let text: string | undefined;
    try {
      text = readFileSync(opts.envFile, 'utf8');
    } catch (err) {
      problems.push({
        variable: '--env-file',
        message: `cannot read "${opts.envFile}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
    }
    if (text !== undefined) {
      for (const [k, v] of Object.entries(parseDotenv(text))) {
        values[k] = v;
        origin[k] = opts.envFile;
      }
    }
  }
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) continue;
    values[k] = v;
    origin[k] = 'environment';
  }
  const secrets: string[] = [];
  for (const key of Object.keys(values)) {
    if (!key.endsWith('_FILE')) continue;
    const base = key.slice(0, -'_FILE'.length);
    if (!isCatalogued(base)) continue;
    const path = values[key] as string;
    if (base in values) {
      problems.push({ variable: key, message: `both ${base} and ${key} are set (expected one of them)` });
      continue;
    }
    try {
      values[base] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
      origin[base] = path;
    } catch (err) {
      problems.push({
        variable: key,
        message: `cannot read "${path}": ${(err as NodeJS.ErrnoException).code ?? 'error'} (expected a readable file holding ${base})`,
      });
    }
  }
  const aliases = resolveAliases(values);
  problems.push(...aliases.problems);
  for (const [k, v] of Object.entries(values)) {
    if (isSecretName(k) && !k.endsWith('_FILE') && v) secrets.push(v);
  }
  return { values, problems, warnings: aliases.warnings, secrets, origin };
}
