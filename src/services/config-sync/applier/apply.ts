// Carries a plan out through the cloud client, one operation after another, writing the mapping store after
// each one. Idempotent and resumable: a pass killed at any point leaves every finished create in the store or,
// if it died between the call and the write, in the org under its name, where the next full pass links it;
// creates after an ambiguous failure look the object up before trying again (createOnce).
import { CloudApiError, type CloudClient } from '../../../cloud/index.ts';
import type { Logger } from '../../../core/logger.ts';
import { describeOp } from '../planner/summary.ts';
import type { Plan, PlanOp } from '../planner/types.ts';
import { FencedOutError } from '../store/fencedWrites.ts';
import type { MappingStore } from '../store/mappingStore.ts';
import {
  createSkill,
  createSource,
  createWrapupCode,
  linkSkill,
  linkSource,
  linkWrapupCode,
} from './catalogSteps.ts';
import {
  addMembers,
  addQueueWrapupCodes,
  createQueue,
  linkQueue,
  removeMembers,
  retireQueue,
  updateQueue,
} from './queueSteps.ts';
import type { OrgExtras } from './readOrg.ts';
import { objectOf, type SyncObject } from './retries.ts';
import { createUser, deactivateUser, linkUser, setUserSkills, updateUser } from './userSteps.ts';

export interface ApplyOptions {
  cloud: CloudClient;
  mapping: MappingStore;
  extras: OrgExtras;
  logger: Logger;
  onProgress?: (done: number, total: number, op: PlanOp) => void;
  /** Stops between operations (shutdown). */
  signal?: AbortSignal;
}

export interface ApplyResult {
  applied: number;
  failed: { op: string; error: string; object: SyncObject }[];
  /** Objects all of whose operations went through. */
  succeeded: string[];
}

/**
 * Failures after which nothing else can work (no network, no valid token), or must not (another replica
 * holds the writer lease): the pass stops.
 */
function isFatal(err: unknown): boolean {
  if (err instanceof FencedOutError) return true;
  return err instanceof CloudApiError && (err.status === 0 || err.status === 401 || err.status === 403);
}

export async function applyPlan(plan: Plan, o: ApplyOptions): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, failed: [], succeeded: [] };
  const failedKeys = new Set<string>();
  const touched = new Set<string>();
  let done = 0;
  for (const op of plan.ops) {
    if (o.signal?.aborted) break;
    const object = objectOf(op);
    touched.add(object.key);
    // After one refused operation of an object, its next ones (members of a queue not created) would
    // only fail again: they wait for the object's retry.
    if (!failedKeys.has(object.key)) {
      try {
        await applyOp(op, o);
        result.applied++;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        o.logger.error(
          { op: op.op, object: object.key, err: error },
          `excs: ${describeOp(op)} failed: ${error}`,
        );
        result.failed.push({ op: describeOp(op), error, object });
        failedKeys.add(object.key);
        if (isFatal(err)) throw err;
      }
    }
    o.onProgress?.(++done, plan.ops.length, op);
  }
  result.succeeded = [...touched].filter((k) => !failedKeys.has(k));
  await o.mapping.putExtensions(plan.extensions);
  return result;
}

/** One operation, carried out by the typed step of its kind (`catalogSteps`, `queueSteps`, `userSteps`). */
function applyOp(op: PlanOp, o: ApplyOptions): Promise<void> {
  switch (op.op) {
    case 'createSource':
      return createSource(op, o);
    case 'linkSource':
      return linkSource(op, o);
    case 'createSkill':
      return createSkill(op, o);
    case 'linkSkill':
      return linkSkill(op, o);
    case 'createWrapupCode':
      return createWrapupCode(op, o);
    case 'linkWrapupCode':
      return linkWrapupCode(op, o);
    case 'createQueue':
      return createQueue(op, o);
    case 'linkQueue':
      return linkQueue(op, o);
    case 'updateQueue':
      return updateQueue(op, o);
    case 'retireQueue':
      return retireQueue(op, o);
    case 'addMembers':
      return addMembers(op, o);
    case 'removeMembers':
      return removeMembers(op, o);
    case 'addQueueWrapupCodes':
      return addQueueWrapupCodes(op, o);
    case 'createUser':
      return createUser(op, o);
    case 'linkUser':
      return linkUser(op, o);
    case 'updateUser':
      return updateUser(op, o);
    case 'deactivateUser':
      return deactivateUser(op, o);
    case 'setUserSkills':
      return setUserSkills(op, o);
  }
}
