// What the planner reads (the mapping store's state, the org) and what it produces (the plan).
import type { DesiredExtension, DesiredQueue, DesiredUser, RoleClass, Skipped } from '../desired.ts';

// ---- the mapping store, as the planner sees it ----

export interface UserMapping {
  cloudId: string;
  userName: string;
  roleClass: RoleClass;
  /** The person is gone from Engage (the user was deactivated and left its queues). */
  engageDeleted?: boolean;
}
export interface SkillMapping {
  cloudId: string;
  name: string;
}
export interface QueueMapping {
  cloudId: string;
  name: string;
  /** The VQ DN is gone from Engage: the queue is kept, its members were removed. */
  engageDeleted?: boolean;
}
export interface WrapupCodeMapping {
  cloudId: string;
}

export interface MappingState {
  users: ReadonlyMap<number, UserMapping>;
  skills: ReadonlyMap<number, SkillMapping>;
  queues: ReadonlyMap<number, QueueMapping>;
  wrapupCodes: ReadonlyMap<string, WrapupCodeMapping>;
  source?: { cloudId: string; name: string };
}

// ---- the org, as listed in bulk ----

export interface OrgUser {
  id: string;
  userName: string;
  displayName: string;
  email?: string;
  externalId?: string;
  active: boolean;
  skills: { id?: string; name: string; proficiency: number }[];
}
export interface OrgQueue {
  id: string;
  name: string;
  description: string;
  peerId?: string;
  memberIds: string[];
  wrapupCodeIds: string[];
}
export interface OrgView {
  users: OrgUser[];
  skills: { id: string; name: string }[];
  queues: OrgQueue[];
  wrapupCodes: { id: string; name: string }[];
  sources: { id: string; name: string }[];
  /** Role names that exist in the org. */
  roles: string[];
}

// ---- the plan ----

export type UserFields = Partial<
  Pick<DesiredUser, 'userName' | 'active' | 'displayName' | 'email' | 'externalId'>
>;
export type QueueFields = Partial<Pick<DesiredQueue, 'name' | 'description' | 'peerId'>>;
export interface SkillAssignment {
  name: string;
  proficiency: number;
  /** Known for skills that exist; resolved through the mapping for skills created by this plan. */
  id?: string;
}

export type PlanOp =
  | { op: 'createSource'; name: string }
  | { op: 'linkSource'; name: string; cloudId: string }
  | { op: 'createSkill'; dbid: number; name: string }
  | { op: 'linkSkill'; dbid: number; name: string; cloudId: string }
  | { op: 'createWrapupCode'; name: string }
  | { op: 'linkWrapupCode'; name: string; cloudId: string }
  | { op: 'createQueue'; queue: DesiredQueue }
  | { op: 'linkQueue'; queue: DesiredQueue; cloudId: string }
  | { op: 'updateQueue'; queue: DesiredQueue; cloudId: string; set: QueueFields }
  | { op: 'retireQueue'; dnDbid: number; name: string; cloudId: string }
  | { op: 'createUser'; user: DesiredUser; roles: string[]; missingRoles: string[] }
  | { op: 'linkUser'; user: DesiredUser; cloudId: string; replaces: number[] }
  | {
      op: 'updateUser';
      user: DesiredUser;
      cloudId: string;
      set: UserFields;
      addRoles: string[];
      roleClass: RoleClass;
    }
  | { op: 'deactivateUser'; personDbid: number; userName: string; cloudId: string }
  | { op: 'setUserSkills'; personDbid: number; userName: string; cloudId: string; skills: SkillAssignment[] }
  | { op: 'addMembers'; dnDbid: number; queueName: string; personDbids: number[] }
  | { op: 'removeMembers'; dnDbid: number; queueName: string; userIds: string[] }
  | { op: 'addQueueWrapupCodes'; dnDbid: number; queueName: string; names: string[] };

export type PlanOpKind = PlanOp['op'];

/** A mapped object deleted in the EX Org: not re-created until the mapping store is cleared (seed 003). */
export interface Tombstone {
  type: 'user' | 'skill' | 'queue' | 'wrapupCode' | 'source';
  key: string;
  name: string;
  cloudId: string;
}

export interface Plan {
  ops: PlanOp[];
  tombstones: Tombstone[];
  extensions: DesiredExtension[];
  /** Objects left for a follow-up plan (a second object named like one this plan creates). */
  deferred: number;
  /**
   * Engage objects that get no org object or field of their own, with the reason: names differing only
   * by case (seed 003: they share one object), a new userName another user holds.
   */
  notes: Skipped[];
}
