// The shell command each step runs on a VM, in ~/exec of the deployment user (seed 003: "The
// docker-compose files and .env files are stored under the exec directory in the home path of the
// Genesys user"). Names are checked so nothing of the .env can reach a shell unquoted.
import type { Step } from './plan.ts';

export const EXEC_DIR = '"$HOME/exec"';
export const BACKUP_DIR = '"$HOME/exec/backup"';
/** Exit code of `read` for a file the VM does not have. */
export const MISSING = 3;
/** Exit code of `check` when docker is not on the VM's PATH. */
export const NO_DOCKER = 4;

const SAFE = /^[A-Za-z0-9._-]+$/;

function safe(name: string): string {
  if (!SAFE.test(name) || name === '.' || name === '..') throw new Error(`unsafe remote file name "${name}"`);
  return name;
}

const inExec = (file: string): string => `"$HOME/exec/${safe(file)}"`;
const inBackup = (file: string): string => `"$HOME/exec/backup/${safe(file)}"`;
const part = (file: string): string => `"$HOME/exec/.${safe(file)}.part"`;

export function checkCommand(): string {
  return `command -v docker >/dev/null 2>&1 || { echo "docker is not on the PATH" >&2; exit ${NO_DOCKER}; }`;
}

export function readCommand(file: string): string {
  return `[ -f ${inExec(file)} ] || exit ${MISSING}; cat ${inExec(file)}`;
}

export function listBackupsCommand(): string {
  return `[ -d ${BACKUP_DIR} ] || exit 0; ls -1A ${BACKUP_DIR}`;
}

/** The command of a step that runs on a VM (waitExcs runs on the bootstrap VM). */
export function stepCommand(step: Exclude<Step, { kind: 'waitExcs' }>): string {
  switch (step.kind) {
    case 'check':
      return checkCommand();
    case 'write':
      return `umask 077 && mkdir -p ${EXEC_DIR} && cat > ${part(step.file)} && mv -f ${part(step.file)} ${inExec(step.file)}`;
    case 'backup':
      return `umask 077 && mkdir -p ${BACKUP_DIR} && cp -p ${inExec(step.file)} ${inBackup(step.to)}`;
    case 'restore':
      return `cp -p ${inBackup(step.from)} ${part(step.file)} && mv -f ${part(step.file)} ${inExec(step.file)}`;
    case 'compose': {
      const verb = step.verb === 'up' ? 'up -d' : 'down';
      return `cd ${EXEC_DIR} && docker compose -p ${safe(step.project)} -f ${safe(step.file)} ${verb}`;
    }
  }
}

/** One line per step for the operator. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'check':
      return `${step.host}: reachable over SSH, docker present`;
    case 'write':
      return `${step.host}: wrote ~/exec/${step.file}`;
    case 'backup':
      return `${step.host}: backed up ~/exec/${step.file} as ~/exec/backup/${step.to}`;
    case 'restore':
      return `${step.host}: restored ~/exec/${step.file} from ~/exec/backup/${step.from}`;
    case 'compose':
      return `${step.host}: docker compose -p ${step.project} -f ${step.file} ${step.verb === 'up' ? 'up -d' : 'down'}`;
    case 'waitExcs':
      return `EXCS reports syncStatus Success (${step.url})`;
  }
}
