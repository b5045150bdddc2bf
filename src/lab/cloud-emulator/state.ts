// The org the emulator keeps in memory: plain records in Maps keyed by id. Routes and the Events API
// mutate it through org-ops.ts and events/; nothing here does I/O.
import type { Models } from 'purecloud-platform-client-v2';
import type { Conversation } from './events/conversation-state.ts';

export interface Division {
  id: string;
  name: string;
  description: string;
  homeDivision: boolean;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  base: boolean;
  default: boolean;
}

/** A routing skill or a routing language (the API treats them alike). */
export interface Skill {
  id: string;
  name: string;
  dateModified: string;
  version: number;
  /** Skills only (CreateRoutingSkill.divisionId); the Home division when absent. */
  divisionId?: string;
}

export interface Presence {
  systemPresence: string;
  presenceDefinitionId: string;
  sourceId: string;
  message?: string;
  eventDateTime: string;
  eventMs: number;
}

export interface RoutingStatus {
  status: string;
  sourceId: string;
  eventDateTime: string;
  eventMs: number;
}

export interface User {
  id: string;
  userName: string;
  displayName: string;
  externalId?: string;
  active: boolean;
  title?: string;
  divisionId: string;
  roleIds: string[];
  /** skill id → proficiency */
  skills: Map<string, number>;
  languages: Map<string, number>;
  externalIds: { authority: string; value: string }[];
  emails: { value: string; type?: string; primary?: boolean }[];
  phoneNumbers: { value: string; type?: string; primary?: boolean }[];
  version: number;
  dateCreated: string;
  lastModified: string;
  presence: Presence | null;
  routingStatus: RoutingStatus | null;
  primarySourceId?: string;
}

export interface QueueMembership {
  joined: boolean;
  memberBy: 'user' | 'group';
}

export interface Queue {
  id: string;
  name: string;
  description: string;
  divisionId: string;
  peerId?: string;
  enableTranscription: boolean;
  members: Map<string, QueueMembership>;
  wrapupCodeIds: Set<string>;
  dateCreated: string;
  dateModified: string;
  /** Other writable fields of the request, kept and echoed back as given. */
  extra: Record<string, unknown>;
}

export interface WrapupCode {
  id: string;
  name: string;
  description?: string;
  divisionId: string;
  dateCreated: string;
  dateModified: string;
}

export interface PresenceSource {
  id: string;
  name: string;
  description?: string;
  type: string;
  deactivated: boolean;
}

export interface PresenceDefinition {
  id: string;
  type: 'System' | 'User';
  systemPresence: string;
  languageLabels: Record<string, string>;
  divisionId: string;
  deactivated: boolean;
}

export interface Program {
  id: string;
  name: string;
  description: string;
  published: boolean;
  tags: string[];
  dateModified: string;
  queueIds: string[];
  flowIds: string[];
  mappingsModified: string;
}

export interface StaSettings {
  defaultProgramId: string | null;
  expectedDialects: string[];
  textAnalyticsEnabled: boolean;
  agentEmpathyEnabled: boolean;
}

export interface Upload {
  uploadKey: string;
  fileName: string;
  contentType?: string;
  contentMd5?: string;
  serverSideEncryption?: string;
  expiresAt: string;
  requestedAt: string;
  uploadedAt?: string;
  size?: number;
  md5?: string;
  /** What became of the uploaded recording archive (recordings.ts). */
  status?: 'Uploaded' | 'Failed';
  error?: string;
  recordingId?: string;
}

export interface RecordingKey {
  id: string;
  createDate: string;
  keydataSummary: string;
  privateKeyPem: string;
}

export interface Org {
  divisions: Map<string, Division>;
  roles: Map<string, Role>;
  skills: Map<string, Skill>;
  languages: Map<string, Skill>;
  users: Map<string, User>;
  queues: Map<string, Queue>;
  wrapupCodes: Map<string, WrapupCode>;
  sources: Map<string, PresenceSource>;
  definitions: Map<string, PresenceDefinition>;
  programs: Map<string, Program>;
  transcription: Models.TranscriptionSettings;
  staSettings: StaSettings;
  conversations: Map<string, Conversation>;
  uploads: Map<string, Upload>;
  recordingKeys: RecordingKey[];
  /** eventIds accepted so far (a repeat is a duplicate). */
  eventIds: Set<string>;
}

export const SYSTEM_PRESENCES = [
  'Available',
  'Away',
  'Busy',
  'Offline',
  'Idle',
  'OnQueue',
  'Meal',
  'Training',
  'Meeting',
  'Break',
] as const;

export const ROUTING_STATUSES = [
  'OffQueue',
  'Idle',
  'Interacting',
  'Communicating',
  'NotResponding',
] as const;

export function homeDivision(org: Org): Division {
  for (const d of org.divisions.values()) if (d.homeDivision) return d;
  throw new Error('the org has no Home division');
}

/** Case-insensitive name lookup, the uniqueness rule of users, skills, queues and wrap-up codes. */
export function findByName<T extends { name: string }>(map: Map<string, T>, name: string): T | undefined {
  const want = name.toLowerCase();
  for (const v of map.values()) if (v.name.toLowerCase() === want) return v;
  return undefined;
}
