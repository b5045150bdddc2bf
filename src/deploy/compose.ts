// The compose files of a deployment: which service runs on which VM (from the deployment .env), and
// the file each VM gets, rendered from deploy/compose/<svc>.yml. Values stay `${VAR}` references that
// docker compose resolves from the .env copied next to the file; only the pair and host are filled in.
import { readFileSync } from 'node:fs';
import type { ServiceName } from '../core/config/variables.ts';

export interface ComposeTarget {
  service: ServiceName;
  /** EXCP pair number. */
  pair?: number;
  /** 1-based position of the host in its list (EXCP pair, EXRP hosts). */
  host: number;
  /** The VM's address from the .env. */
  address: string;
  /** File name on the VM, in ~/exec. */
  file: string;
}

const TEMPLATES = new URL('../../deploy/compose/', import.meta.url);

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every service instance the .env places on a VM, in the seeds' start order (EXCS first). */
export function composeTargets(env: Readonly<Record<string, string>>): ComposeTarget[] {
  const targets: ComposeTarget[] = [];
  if (env.EXCS_VM_HOST)
    targets.push({ service: 'excs', host: 1, address: env.EXCS_VM_HOST, file: 'excs.yml' });
  if (env.EXAS_HOST) targets.push({ service: 'exas', host: 1, address: env.EXAS_HOST, file: 'exas.yml' });
  const pairs = Object.keys(env)
    .map((k) => /^EXCP_(\d+)_VM_HOST_PAIR$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  for (const pair of pairs)
    list(env[`EXCP_${pair}_VM_HOST_PAIR`]).forEach((address, i) =>
      targets.push({ service: 'excp', pair, host: i + 1, address, file: `excp-${pair}.yml` }),
    );
  list(env.EXRP_VM_HOST_LIST).forEach((address, i) =>
    targets.push({ service: 'exrp', host: i + 1, address, file: 'exrp.yml' }),
  );
  return targets;
}

/** A template with its `{{pair}}` and `{{host}}` filled in. */
export function fillTemplate(template: string, target: Pick<ComposeTarget, 'pair' | 'host'>): string {
  return template
    .replaceAll('{{pair}}', String(target.pair ?? ''))
    .replaceAll('{{host}}', String(target.host));
}

/** The compose file for one target, from deploy/compose/<svc>.yml. */
export function renderCompose(target: ComposeTarget): string {
  return fillTemplate(readFileSync(new URL(`${target.service}.yml`, TEMPLATES), 'utf8'), target);
}
