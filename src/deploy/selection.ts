// Which service instances an action touches: the seeds' `--service`, `--pair`, `--host` (seed 003
// "Starting EXEC Services", "Maintenance"). No flag: every instance the .env places.
import { UserError } from '../core/errors.ts';
import { SERVICES, type ServiceName } from '../core/config/variables.ts';
import type { ComposeTarget } from './compose.ts';

export interface Selection {
  service?: string | undefined;
  pair?: string | undefined;
  host?: string | undefined;
}

/** Raised for flags that do not fit together (exit 2, like any usage error). */
export class SelectionUsageError extends Error {
  override readonly name = 'SelectionUsageError';
}

function positive(flag: string, v: string): number {
  if (!/^[1-9]\d*$/.test(v))
    throw new SelectionUsageError(`${flag} must be a positive whole number (got "${v}")`);
  return Number(v);
}

export interface ParsedSelection {
  service?: ServiceName;
  pair?: number;
  host?: number;
}

/** The flags checked together, before anything is read (a usage error is exit 2). */
export function parseSelection(sel: Selection): ParsedSelection {
  if (sel.service === undefined) {
    if (sel.pair !== undefined || sel.host !== undefined)
      throw new SelectionUsageError('--pair and --host need --service');
    return {};
  }
  const service = sel.service.toLowerCase();
  if (!(SERVICES as readonly string[]).includes(service))
    throw new SelectionUsageError(`--service must be one of ${SERVICES.join(', ')} (got "${sel.service}")`);
  const svc = service as ServiceName;
  if (sel.pair !== undefined && svc !== 'excp') throw new SelectionUsageError('--pair is for --service excp');
  if (sel.host !== undefined && svc !== 'excp' && svc !== 'exrp')
    throw new SelectionUsageError('--host is for --service excp (with --pair) or exrp');
  if (sel.host !== undefined && svc === 'excp' && sel.pair === undefined)
    throw new SelectionUsageError('--host needs --pair for --service excp');
  return {
    service: svc,
    ...(sel.pair === undefined ? {} : { pair: positive('--pair', sel.pair) }),
    ...(sel.host === undefined ? {} : { host: positive('--host', sel.host) }),
  };
}

export function selectTargets(targets: readonly ComposeTarget[], sel: Selection): ComposeTarget[] {
  const { service, pair, host } = parseSelection(sel);
  if (service === undefined) return [...targets];
  const chosen = targets.filter(
    (t) =>
      t.service === service &&
      (pair === undefined || t.pair === pair) &&
      (host === undefined || t.host === host),
  );
  if (chosen.length === 0) {
    const what = [service.toUpperCase(), pair && `pair ${pair}`, host && `host ${host}`]
      .filter(Boolean)
      .join(' ');
    throw new UserError(`the .env places no ${what} (check its *_VM_HOST* parameters); nothing was changed`);
  }
  return chosen;
}
