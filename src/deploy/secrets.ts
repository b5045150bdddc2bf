// The passwords the VMs' .env must carry (seed 003 "Deploying": init prompts for the Config DB, Redis and
// Config Server passwords) and where each comes from: the operator's .env, an `X_FILE` (in the .env or
// the environment), the remote .env (update keeps what init put there), or a prompt without echo.
import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors.ts';
import { isCatalogued, isSecretName } from '../core/config/variables.ts';

export interface SecretNeed {
  name: string;
  /** What the prompt asks for. */
  label: string;
}

/** The prompted passwords this deployment needs (Redis only when secure, Config Server only with EXRP). */
export function neededSecrets(values: Readonly<Record<string, string>>): SecretNeed[] {
  const needs: SecretNeed[] = [];
  if (values.EXCS_VM_HOST) needs.push({ name: 'EXCS_CONFIG_DB_PASSWORD', label: 'Config DB password' });
  if (values.EXEC_REDIS_SECURE?.trim().toLowerCase() === 'true')
    needs.push({ name: 'EXEC_REDIS_PASSWORD', label: 'Redis password' });
  if (values.EXRP_VM_HOST_LIST)
    needs.push({ name: 'EXRP_CONFIG_SERVER_PASSWORD', label: 'Config Server password' });
  return needs;
}

/** Catalogue secrets the .env names as `X_FILE`: their values get written into the VMs' .env. */
export function fileSecretNames(values: Readonly<Record<string, string>>): string[] {
  return Object.keys(values)
    .filter((k) => k.endsWith('_FILE'))
    .map((k) => k.slice(0, -'_FILE'.length))
    .filter((k) => isCatalogued(k) && isSecretName(k));
}

export interface SecretSources {
  /** The operator's .env, parsed. */
  local: Readonly<Record<string, string>>;
  /** The bootstrap's environment (for `X_FILE`). */
  env: Readonly<Record<string, string | undefined>>;
  /** Asks on the terminal without echo; undefined when there is no terminal. */
  prompt?: ((label: string, name: string) => Promise<string>) | undefined;
}

function readSecretFile(fileVar: string, path: string, name: string): string {
  let value: string;
  try {
    value = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new UserError(
      `${fileVar}: cannot read "${path}": ${(err as NodeJS.ErrnoException).code ?? 'error'} (expected a readable file holding ${name}); nothing was changed`,
    );
  }
  if (value.trim() === '')
    throw new UserError(`${fileVar}: "${path}" is empty (expected ${name}); nothing was changed`);
  return value;
}

/** The value of secret `name` given on the bootstrap VM (.env, `X_FILE`), or undefined. */
export function givenSecret(name: string, src: SecretSources): string | undefined {
  const fileVar = `${name}_FILE`;
  const inFile = src.local[name];
  const path = src.local[fileVar] ?? src.env[fileVar];
  if (inFile !== undefined && inFile !== '' && path !== undefined)
    throw new UserError(`${fileVar}: both ${name} and ${fileVar} are set (expected one of them)`);
  if (inFile !== undefined && inFile !== '') return inFile;
  return path === undefined ? undefined : readSecretFile(fileVar, path, name);
}

/**
 * Every secret the VMs' .env gets, in a stable order: the needed ones (given, else `fallback` such as the
 * remote .env's value, else prompted) and those the .env names as `X_FILE`. Secrets written in the
 * operator's .env itself stay where they are and are not returned.
 */
export async function collectSecrets(
  src: SecretSources,
  fallback: (name: string) => string | undefined = () => undefined,
): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const names = [
    ...neededSecrets(src.local).map((n) => n.name),
    ...fileSecretNames(src.local).filter((n) => !neededSecrets(src.local).some((x) => x.name === n)),
  ];
  for (const name of names) {
    const local = src.local[name];
    if (local !== undefined && local !== '') continue;
    const given = givenSecret(name, src) ?? fallback(name);
    if (given !== undefined) {
      out.push([name, given]);
      continue;
    }
    const need = neededSecrets(src.local).find((n) => n.name === name);
    if (!src.prompt)
      throw new UserError(
        `${name}: not given and there is no terminal to prompt for the ${need?.label ?? 'secret'} (set ${name}_FILE to a file holding it); nothing was changed`,
      );
    const typed = await src.prompt(need?.label ?? name, name);
    if (typed === '')
      throw new UserError(`${name}: the ${need?.label ?? 'secret'} is empty; nothing was changed`);
    out.push([name, typed]);
  }
  return out;
}
