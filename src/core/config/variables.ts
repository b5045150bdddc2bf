// The catalogue of deployment variables: the seed's .env tables (no-media and recording parts, seed 003
// "Configuring .env file"), its LOG_* table ("Logging"), and the pinned EXEC_GC_* overrides (DESIGN §3).
// One entry per variable; `EXCP_<n>_*` entries are templates expanded per pair found in the environment.
import { COMMON, LOGGING, OVERRIDES } from './catalogue-common.ts';
import { RECORDING } from './catalogue-recording.ts';
import { EXAS, EXCP_PAIR_TEMPLATE, EXCS } from './catalogue-services.ts';
import type { VariableSpec } from './schemas.ts';

export { EXCP_PAIR_TEMPLATE } from './catalogue-services.ts';
export { LOG_LEVELS, SERVICES, serverPairs, type ServiceName, type VariableSpec } from './schemas.ts';

export const VARIABLES: readonly VariableSpec[] = [
  ...COMMON,
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

const NAMES = new Set(VARIABLES.map((v) => v.name));
const PAIR_NAMES = EXCP_PAIR_TEMPLATE.map((v) => v.name);

/** True for a variable of the catalogue (an `EXCP_<n>_*` name for any pair n). */
export function isCatalogued(name: string): boolean {
  if (NAMES.has(name)) return true;
  const pair = /^EXCP_\d+_/.exec(name);
  return pair !== null && PAIR_NAMES.includes(name.replace(pair[0], 'EXCP_<n>_'));
}

export function isSecretName(name: string): boolean {
  return /PASSWORD|SECRET|TOKEN/.test(name);
}
