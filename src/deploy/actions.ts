// The thin shell of the bootstrap actions (seed 003 "Deploying", "Maintenance"): reads and checks the
// .env, gathers the passwords, asks the VMs what they hold (update, rollback), lets plan.ts decide and
// runs its steps over the Remote. Nothing on a VM changes before every VM of the action answered and
// every input was found valid.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem } from '../core/config/load.ts';
import { validateDeployment } from '../core/config/validate.ts';
import { ConfigError, UserError } from '../core/errors.ts';
import { createRedactor } from '../core/redact.ts';
import type { CliIo } from '../cli/context.ts';
import { dateStamp } from './backups.ts';
import {
  checkCommand,
  describeStep,
  listBackupsCommand,
  MISSING,
  NO_DOCKER,
  readCommand,
  stepCommand,
} from './commands.ts';
import { composeTargets, renderCompose, type ComposeTarget } from './compose.ts';
import { checkEnvLines, parseEnvText, renderRemoteEnv } from './envfile.ts';
import {
  ENV_FILE,
  hostsOf,
  planInit,
  planRestart,
  planRollback,
  planStart,
  planStop,
  planUpdate,
  type Plan,
  type RemoteState,
  type Step,
} from './plan.ts';
import { SSH_FAILED, type Remote } from './remote.ts';
import { collectSecrets, fileSecretNames, neededSecrets, type SecretSources } from './secrets.ts';
import { parseSelection, selectTargets, type Selection } from './selection.ts';
import { waitForExcsSuccess } from './status.ts';

export const ACTIONS = ['init', 'start', 'stop', 'restart', 'update', 'rollback'] as const;
export type Action = (typeof ACTIONS)[number];

export interface DeployRequest {
  action: Action;
  envFile: string;
  selection: Selection;
}

export interface DeployDeps {
  remote: Remote;
  io: CliIo;
  /** The bootstrap's environment, for `X_FILE`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Undefined without a terminal. */
  prompt?: SecretSources['prompt'];
  now?: () => Date;
  /** Where the secret-bearing .env lives while it is copied (default: the OS temporary directory). */
  tmpDir?: string;
  statusPollMs?: number;
  statusTimeoutMs?: number;
  /** Shown in messages: the SSH user. */
  user: string;
}

interface Deployment {
  text: string;
  local: Record<string, string>;
  targets: ComposeTarget[];
  excsStatusUrl: string;
}

const PLACEHOLDER = 'placeholder-secret-value';

function readDeployment(req: DeployRequest): Deployment {
  let text: string;
  try {
    text = readFileSync(req.envFile, 'utf8');
  } catch (err) {
    throw new UserError(
      `--env-file: cannot read "${req.envFile}": ${(err as NodeJS.ErrnoException).code ?? 'error'}; nothing was changed`,
    );
  }
  const lines = checkEnvLines(text, req.envFile);
  if (lines.length)
    throw new ConfigError(`${req.envFile} is malformed; nothing was changed`, lines.map(formatProblem));
  const local = parseEnvText(text);
  const v = validateDeployment(withSecrets(local, []));
  if (v.problems.length)
    throw new ConfigError(
      `${req.envFile} is not a valid deployment (exec-connector check-env says the same); nothing was changed`,
      v.problems.map(formatProblem),
    );
  const targets = selectTargets(composeTargets(local), req.selection);
  return {
    text,
    local,
    targets,
    excsStatusUrl: `http://${local.EXCS_VM_HOST}:${local.EXCS_PORT}/status`,
  };
}

/** The values the VMs will see: `X_FILE` replaced by X, secrets not known yet by a placeholder. */
function withSecrets(local: Record<string, string>, secrets: [string, string][]): Record<string, string> {
  const values: Record<string, string> = { ...local };
  for (const name of [...neededSecrets(local).map((n) => n.name), ...fileSecretNames(local)]) {
    delete values[`${name}_FILE`];
    if (!values[name]) values[name] = PLACEHOLDER;
  }
  for (const [k, v] of secrets) values[k] = v;
  return values;
}

function validateSecrets(d: Deployment, secrets: [string, string][], envFile: string): void {
  const v = validateDeployment(withSecrets(d.local, secrets));
  const redact = createRedactor(secrets.map(([, s]) => s));
  if (v.problems.length)
    throw new ConfigError(
      `${envFile}: the passwords given are not usable; nothing was changed`,
      v.problems.map((p) => redact(formatProblem(p))),
    );
}

const dropFor = (secrets: [string, string][]): string[] => secrets.flatMap(([k]) => [k, `${k}_FILE`]);

const lastLine = (s: string): string =>
  s
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('Warning: Permanently added'))
    .pop() ?? '';

/** Every VM answers and has docker, or the action stops naming each one that does not. */
async function checkHosts(hosts: readonly string[], deps: DeployDeps): Promise<void> {
  const results = await Promise.all(hosts.map((host) => deps.remote.exec(host, checkCommand())));
  const failures = results.flatMap((r, i): string[] => {
    const host = hosts[i] as string;
    if (r.code === 0) return [];
    if (r.code === NO_DOCKER) return [`${host}: docker is not on the PATH of ${deps.user}`];
    if (r.code === SSH_FAILED)
      return [
        `${host}: cannot connect over SSH as ${deps.user} (${lastLine(r.stderr) || 'no reason given'})`,
      ];
    return [`${host}: the check failed with exit code ${r.code} (${lastLine(r.stderr)})`];
  });
  if (failures.length) throw new ConfigError('VMs not ready; nothing was changed', failures);
}

async function readRemoteFile(host: string, file: string, deps: DeployDeps): Promise<string | undefined> {
  const r = await deps.remote.exec(host, readCommand(file));
  if (r.code === 0) return r.stdout;
  if (r.code === MISSING) return undefined;
  throw new UserError(`${host}: cannot read ~/exec/${file} (${lastLine(r.stderr)}); nothing was changed`);
}

async function listBackups(host: string, deps: DeployDeps): Promise<string[]> {
  const r = await deps.remote.exec(host, listBackupsCommand());
  if (r.code !== 0)
    throw new UserError(`${host}: cannot list ~/exec/backup (${lastLine(r.stderr)}); nothing was changed`);
  return r.stdout.split('\n').filter(Boolean);
}

/** Runs the plan's steps in order; secret bodies exist only in a 0600 file of a 0700 directory meanwhile. */
async function execute(plan: Plan, deps: DeployDeps): Promise<void> {
  const secretIds = Object.keys(plan.bodies).filter((id) => plan.bodies[id]?.secret);
  const dir = secretIds.length ? mkdtempSync(join(deps.tmpDir ?? tmpdir(), 'exec-connector-')) : undefined;
  try {
    const files: Record<string, string> = {};
    secretIds.forEach((id, i) => {
      const path = join(dir as string, `env-${i}`);
      writeFileSync(path, plan.bodies[id]?.text ?? '', { mode: 0o600, flag: 'wx' });
      files[id] = path;
    });
    let done = 0;
    for (const step of plan.steps) {
      await runStep(step, files, plan, deps, done);
      deps.io.out(describeStep(step));
      done++;
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function runStep(
  step: Step,
  files: Record<string, string>,
  plan: Plan,
  deps: DeployDeps,
  done: number,
): Promise<void> {
  if (step.kind === 'waitExcs') {
    deps.io.out(`waiting for EXCS to report syncStatus Success at ${step.url}`);
    await waitForExcsSuccess(step.url, {
      pollMs: deps.statusPollMs ?? 10_000,
      timeoutMs: deps.statusTimeoutMs ?? 3_600_000,
      onProgress: (s) => deps.io.out(`EXCS: ${s}`),
    });
    return;
  }
  if (step.kind === 'check') {
    await checkHosts([step.host], deps);
    return;
  }
  const input =
    step.kind === 'write'
      ? files[step.body] !== undefined
        ? { file: files[step.body] as string }
        : { text: plan.bodies[step.body]?.text ?? '' }
      : undefined;
  const r = await deps.remote.exec(step.host, stepCommand(step), input);
  if (r.code !== 0)
    throw new UserError(
      `${describeStep(step).replace(/^[^:]+: /, `${step.host}: could not run: `)} (exit ${r.code}: ${lastLine(r.stderr)}); ${done} step(s) before it were done`,
    );
}

/** Runs one bootstrap action. Throws UserError/ConfigError with the operator's message. */
export async function runDeployAction(req: DeployRequest, deps: DeployDeps): Promise<void> {
  parseSelection(req.selection);
  const d = readDeployment(req);
  const src: SecretSources = { local: d.local, env: deps.env, prompt: deps.prompt };
  const render = (t: ComposeTarget): string => renderCompose(t);
  const hosts = hostsOf(d.targets);
  switch (req.action) {
    case 'init': {
      const secrets = await collectSecrets(src);
      validateSecrets(d, secrets, req.envFile);
      const envText = renderRemoteEnv(d.text, secrets, dropFor(secrets));
      await execute(planInit(d.targets, envText, render), deps);
      deps.io.out(`init: ~/exec ready on ${hosts.join(', ')}; start the services with exec-connector start`);
      return;
    }
    case 'start':
      await execute(planStart(d.targets, d.excsStatusUrl), deps);
      return;
    case 'stop':
      await execute(planStop(d.targets), deps);
      return;
    case 'restart':
      await execute(planRestart(d.targets, d.excsStatusUrl), deps);
      return;
    case 'update':
      return update(d, req, src, hosts, render, deps);
    case 'rollback':
      return rollback(d, hosts, deps);
  }
}

async function update(
  d: Deployment,
  req: DeployRequest,
  src: SecretSources,
  hosts: string[],
  render: (t: ComposeTarget) => string,
  deps: DeployDeps,
): Promise<void> {
  await checkHosts(hosts, deps);
  const remote: Record<string, RemoteState> = {};
  const readHost = async (host: string): Promise<void> => {
    const names = [ENV_FILE, ...new Set(d.targets.filter((t) => t.address === host).map((t) => t.file))];
    const contents = await Promise.all(names.map((file) => readRemoteFile(host, file, deps)));
    const files = Object.fromEntries(names.map((file, i) => [file, contents[i]]));
    remote[host] = { files, backups: await listBackups(host, deps) };
  };
  await Promise.all(hosts.map(readHost));
  // A password typed once serves every VM that lacks it.
  const typed = new Map<string, string>();
  const prompt = src.prompt;
  const memo: SecretSources = {
    ...src,
    prompt: prompt
      ? async (label, name) => typed.get(name) ?? typed.set(name, await prompt(label, name)).get(name) ?? ''
      : undefined,
  };
  const envs: Record<string, string> = {};
  for (const host of hosts) {
    const theirs = parseEnvText(remote[host]?.files[ENV_FILE] ?? '');
    const secrets = await collectSecrets(memo, (name) => theirs[name] || undefined);
    validateSecrets(d, secrets, req.envFile);
    envs[host] = renderRemoteEnv(d.text, secrets, dropFor(secrets));
  }
  const plan = planUpdate(
    d.targets,
    remote,
    (h) => envs[h] ?? '',
    render,
    dateStamp((deps.now ?? (() => new Date()))()),
  );
  if (plan.steps.length === 0) {
    deps.io.out(
      `update: the .env and compose files on ${hosts.join(', ')} are already these; nothing changed`,
    );
    return;
  }
  await execute(plan, deps);
  deps.io.out(
    'update: done; restart the updated services for the changes to take effect (exec-connector restart)',
  );
}

async function rollback(d: Deployment, hosts: string[], deps: DeployDeps): Promise<void> {
  await checkHosts(hosts, deps);
  const listed = await Promise.all(hosts.map((host) => listBackups(host, deps)));
  const backups = Object.fromEntries(hosts.map((host, i) => [host, listed[i] ?? []]));
  const { plan, gaps } = planRollback(d.targets, backups);
  if (gaps.length)
    throw new ConfigError(
      'no backup to roll back to (update makes them); nothing was changed',
      gaps.map((g) => `${g.host}: no backup of ${g.files.join(', ')} in ~/exec/backup`),
    );
  await execute(plan, deps);
  deps.io.out('rollback: done; restart the services for the changes to take effect (exec-connector restart)');
}
