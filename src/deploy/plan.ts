// The pure core of the bootstrap actions: from the compose targets (and, for update and rollback, what
// the VMs hold) to the list of steps the shell runs over SSH. Every action first checks every VM it will
// touch, so an unreachable VM stops it before anything changed.
import { backupName, latestBackup } from './backups.ts';
import type { ComposeTarget } from './compose.ts';

export const ENV_FILE = '.env';

export type Step =
  | { kind: 'check'; host: string }
  | { kind: 'write'; host: string; file: string; body: string }
  | { kind: 'backup'; host: string; file: string; to: string }
  | { kind: 'restore'; host: string; file: string; from: string }
  | { kind: 'compose'; host: string; file: string; project: string; verb: 'up' | 'down' }
  | { kind: 'waitExcs'; url: string };

export interface Plan {
  steps: Step[];
  /** Contents the write steps name; `secret` ones go through a temporary 0600 file only. */
  bodies: Record<string, { text: string; secret: boolean }>;
}

/** docker compose project per instance, so two services on one VM do not share one. */
export function projectName(t: ComposeTarget): string {
  if (t.service === 'excp') return `excp-${t.pair}`;
  return t.service;
}

export function hostsOf(targets: readonly ComposeTarget[]): string[] {
  return [...new Set(targets.map((t) => t.address))];
}

const checks = (targets: readonly ComposeTarget[]): Step[] =>
  hostsOf(targets).map((host) => ({ kind: 'check', host }));

// Per VM: the EXCP file of a pair differs between its two hosts (container name).
const composeBodyId = (t: ComposeTarget): string => `compose:${t.address}:${t.file}`;

/** init: .env (one secret body, the same on every VM) and each instance's compose file into ~/exec. */
export function planInit(
  targets: readonly ComposeTarget[],
  envText: string,
  render: (t: ComposeTarget) => string,
): Plan {
  const bodies: Plan['bodies'] = { env: { text: envText, secret: true } };
  const steps: Step[] = checks(targets);
  for (const host of hostsOf(targets)) {
    steps.push({ kind: 'write', host, file: ENV_FILE, body: 'env' });
    for (const t of targets.filter((x) => x.address === host)) {
      bodies[composeBodyId(t)] = { text: render(t), secret: false };
      steps.push({ kind: 'write', host, file: t.file, body: composeBodyId(t) });
    }
  }
  return { steps, bodies };
}

const compose = (t: ComposeTarget, verb: 'up' | 'down'): Step => ({
  kind: 'compose',
  host: t.address,
  file: t.file,
  project: projectName(t),
  verb,
});
const up = (t: ComposeTarget): Step => compose(t, 'up');
const down = (t: ComposeTarget): Step => compose(t, 'down');

/**
 * start in the seeds' order (EXCS, EXAS, EXCP pairs, EXRP); when EXCS starts together with others, they
 * wait for its /status to report Success (seed 003 "Run EXEC Services for First Time").
 */
function startSteps(targets: readonly ComposeTarget[], excsStatusUrl: string): Step[] {
  const steps: Step[] = [];
  targets.forEach((t, i) => {
    steps.push(up(t));
    if (t.service === 'excs' && i < targets.length - 1) steps.push({ kind: 'waitExcs', url: excsStatusUrl });
  });
  return steps;
}

export function planStart(targets: readonly ComposeTarget[], excsStatusUrl: string): Plan {
  return { steps: [...checks(targets), ...startSteps(targets, excsStatusUrl)], bodies: {} };
}

/** stop in the reverse order: the services that depend on EXCS go first. */
export function planStop(targets: readonly ComposeTarget[]): Plan {
  return { steps: [...checks(targets), ...[...targets].reverse().map(down)], bodies: {} };
}

/** restart = stop then start, so a changed .env or image tag (after update or rollback) takes effect. */
export function planRestart(targets: readonly ComposeTarget[], excsStatusUrl: string): Plan {
  return {
    steps: [...checks(targets), ...[...targets].reverse().map(down), ...startSteps(targets, excsStatusUrl)],
    bodies: {},
  };
}

/** What one VM holds in ~/exec: file contents (undefined when missing) and the backup directory. */
export interface RemoteState {
  files: Record<string, string | undefined>;
  backups: string[];
}

/**
 * update: per VM, when the new .env or a compose file differs from the VM's, back up every one of them
 * the VM has as `<name>_<ddmmyyyy>` and upload the ones that differ; nothing when all are equal.
 * `envFor(host)` is that VM's new .env (its secrets may come from the VM's own .env).
 */
export function planUpdate(
  targets: readonly ComposeTarget[],
  remote: Readonly<Record<string, RemoteState>>,
  envFor: (host: string) => string,
  render: (t: ComposeTarget) => string,
  stamp: string,
): Plan {
  const plan: Plan = { steps: [], bodies: {} };
  for (const host of hostsOf(targets)) {
    const state = remote[host] ?? { files: {}, backups: [] };
    const wanted: [string, string, string, boolean][] = [
      [ENV_FILE, `env:${host}`, envFor(host), true],
      ...targets
        .filter((t) => t.address === host)
        .map((t): [string, string, string, boolean] => [t.file, composeBodyId(t), render(t), false]),
    ];
    const differing = wanted.filter(([file, , text]) => state.files[file] !== text);
    if (differing.length === 0) continue;
    const taken = new Set(state.backups);
    for (const [file] of wanted) {
      if (state.files[file] === undefined) continue;
      const to = backupName(file, stamp, taken);
      taken.add(to);
      plan.steps.push({ kind: 'backup', host, file, to });
    }
    for (const [file, id, text, secret] of differing) {
      plan.bodies[id] = { text, secret };
      plan.steps.push({ kind: 'write', host, file, body: id });
    }
  }
  return plan;
}

export interface RollbackGap {
  host: string;
  files: string[];
}

/**
 * rollback: each selected file back to its latest backup on its VM. A VM with no backup of its .env is a
 * gap (it was never updated): the action stops before restoring anything. A compose file with no backup
 * (first uploaded by that update) stays as it is.
 */
export function planRollback(
  targets: readonly ComposeTarget[],
  backups: Readonly<Record<string, readonly string[]>>,
): { plan: Plan; gaps: RollbackGap[] } {
  const plan: Plan = { steps: [], bodies: {} };
  const gaps: RollbackGap[] = [];
  for (const host of hostsOf(targets)) {
    const names = backups[host] ?? [];
    const files = [ENV_FILE, ...new Set(targets.filter((t) => t.address === host).map((t) => t.file))];
    if (latestBackup(ENV_FILE, names) === undefined) {
      gaps.push({ host, files: [ENV_FILE] });
      continue;
    }
    for (const file of files) {
      const from = latestBackup(file, names);
      if (from !== undefined) plan.steps.push({ kind: 'restore', host, file, from });
    }
  }
  return { plan, gaps };
}
