// What the mapping store keeps per object: the cloud id, what the mapping API serves, and the state last
// applied (so that a change in Engage is planned without listing the org again).
import type { DesiredExtension, DesiredSkillLevel, RoleClass } from '../desired.ts';

export interface UserEntry {
  cloudId: string;
  userName: string;
  roleClass: RoleClass;
  engageDeleted?: boolean;
  displayName: string;
  email?: string;
  externalId: string;
  active: boolean;
  skills: DesiredSkillLevel[];
  engageUserName: string;
  employeeId: string;
  isAgent: boolean;
  logins: { code: string; switch: string }[];
}

export interface SkillEntry {
  cloudId: string;
  name: string;
}

export interface QueueEntry {
  cloudId: string;
  name: string;
  number: string;
  switch: string;
  description: string;
  peerId: string;
  memberIds: string[];
  wrapupCodeIds: string[];
  engageDeleted?: boolean;
}

export interface WrapupCodeEntry {
  cloudId: string;
}

export interface SourceEntry {
  cloudId: string;
  name: string;
}

export type ExtensionEntry = DesiredExtension;

/** Hash name suffixes (keys.mapping(type)). */
export const MAPPING_TYPES = ['users', 'skills', 'queues', 'wrapupcodes', 'source'] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];
