// Users as SCIM v2 resources: validation of create/replace (roles and division by name, skills and
// languages by case-sensitive name, unique userName ignoring case), PATCH operations, and the view.
import type { Models } from 'purecloud-platform-client-v2';
import { ApiError, badRequest, conflict } from '../errors.ts';
import { isNonEmptyString, newId, nowIso } from '../ids.ts';
import type { Org, User } from '../state.ts';

export const SCHEMA_CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCHEMA_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCHEMA_GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Body = Record<string, unknown>;
const scimInvalid = (detail: string) => new ApiError(400, 'invalid.value', detail, {}, 'invalidValue');
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

function proficiencies(
  org: Org,
  list: unknown,
  kind: 'skills' | 'languages',
  field: string,
): Map<string, number> {
  const out = new Map<string, number>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw scimInvalid(`${field} must be an array`);
  const byName = new Map([...org[kind].values()].map((s) => [s.name, s.id]));
  for (const [i, item] of list.entries()) {
    const name = (item as Body | null)?.name;
    if (!isNonEmptyString(name)) throw scimInvalid(`${field}[${i}].name is required`);
    const id = byName.get(name);
    if (!id)
      throw scimInvalid(
        `${field}[${i}]: no ${kind === 'skills' ? 'skill' : 'language'} is named "${name}" (names are case-sensitive)`,
      );
    const p = (item as Body).proficiency ?? 0;
    if (typeof p !== 'number' || p < 0 || p > 5)
      throw scimInvalid(`${field}[${i}].proficiency must be from 0.0 to 5.0`);
    out.set(id, p);
  }
  return out;
}

/** The user a SCIM create or replace body describes (id, version and presence left to the caller). */
function fromScim(
  org: Org,
  input: unknown,
  selfId?: string,
): Omit<User, 'id' | 'version' | 'dateCreated' | 'lastModified' | 'presence' | 'routingStatus'> {
  if (!isObject(input)) throw badRequest('The request body must be a SCIM user object');
  const b = input;
  if (!isNonEmptyString(b.userName)) throw scimInvalid('userName is required');
  if (!EMAIL_RE.test(b.userName))
    throw scimInvalid(`userName must be an e-mail address (got "${b.userName}")`);
  if (!isNonEmptyString(b.displayName)) throw scimInvalid('displayName is required');
  const lower = b.userName.toLowerCase();
  for (const u of org.users.values())
    if (u.id !== selfId && u.userName.toLowerCase() === lower)
      throw conflict(`userName "${b.userName}" is already in use`);
  if (b.active !== undefined && typeof b.active !== 'boolean')
    throw scimInvalid('active must be true or false');
  if (b.externalId !== undefined && typeof b.externalId !== 'string')
    throw scimInvalid('externalId must be a string');
  const roleIds: string[] = [];
  if (b.roles !== undefined) {
    if (!Array.isArray(b.roles)) throw scimInvalid('roles must be an array');
    for (const [i, r] of b.roles.entries()) {
      const name = (r as Body | null)?.value;
      const role = isNonEmptyString(name)
        ? [...org.roles.values()].find((x) => x.name.toLowerCase() === name.toLowerCase())
        : undefined;
      if (!role) throw scimInvalid(`roles[${i}]: no role is named "${String(name)}"`);
      roleIds.push(role.id);
    }
  }
  const ent = b[SCHEMA_ENTERPRISE];
  let divisionId = [...org.divisions.values()].find((d) => d.homeDivision)?.id as string;
  if (isObject(ent) && ent.division !== undefined) {
    const d = [...org.divisions.values()].find((x) => x.name === ent.division);
    if (!d) throw scimInvalid(`division "${String(ent.division)}" does not exist`);
    divisionId = d.id;
  }
  const gen = isObject(b[SCHEMA_GENESYS]) ? (b[SCHEMA_GENESYS] as Body) : {};
  const externalIds = Array.isArray(gen.externalIds)
    ? (gen.externalIds as { authority: string; value: string }[])
    : [];
  const user: ReturnType<typeof fromScim> = {
    userName: b.userName,
    displayName: b.displayName,
    active: b.active !== false,
    divisionId,
    roleIds,
    skills: proficiencies(org, gen.routingSkills, 'skills', 'routingSkills'),
    languages: proficiencies(org, gen.routingLanguages, 'languages', 'routingLanguages'),
    externalIds,
    emails: Array.isArray(b.emails)
      ? (b.emails as User['emails'])
      : [{ value: b.userName, type: 'work', primary: true }],
    phoneNumbers: Array.isArray(b.phoneNumbers) ? (b.phoneNumbers as User['phoneNumbers']) : [],
  };
  if (typeof b.externalId === 'string') user.externalId = b.externalId;
  if (typeof b.title === 'string') user.title = b.title;
  return user;
}

export function createScimUser(org: Org, input: unknown): User {
  const now = nowIso();
  const user: User = {
    ...fromScim(org, input),
    id: newId(),
    version: 1,
    dateCreated: now,
    lastModified: now,
    presence: null,
    routingStatus: null,
  };
  org.users.set(user.id, user);
  return user;
}

export function replaceScimUser(org: Org, user: User, input: unknown): User {
  const next = fromScim(org, input, user.id);
  if (next.externalId === undefined) delete user.externalId;
  if (next.title === undefined) delete user.title;
  Object.assign(user, next, { version: user.version + 1, lastModified: nowIso() });
  return user;
}

/** PATCH: applies the operations to the SCIM view, then validates the result as a replace would. */
export function patchScimUser(org: Org, user: User, input: unknown, baseUrl: string): User {
  if (!isObject(input) || !Array.isArray(input.Operations)) throw badRequest('Operations must be an array');
  const view = scimUserView(org, user, baseUrl) as Body;
  for (const [i, op] of (input.Operations as unknown[]).entries()) {
    if (!isObject(op)) throw scimInvalid(`Operations[${i}] must be an object`);
    const kind = String(op.op ?? '').toLowerCase();
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove')
      throw scimInvalid(`Operations[${i}].op must be add, replace or remove`);
    const path = op.path;
    if (path === undefined) {
      if (kind === 'remove' || !isObject(op.value))
        throw new ApiError(400, 'invalid.value', `Operations[${i}]: a path is required`, {}, 'noTarget');
      for (const [k, v] of Object.entries(op.value))
        view[k] = isObject(v) && isObject(view[k]) ? { ...(view[k] as Body), ...v } : v;
      continue;
    }
    if (typeof path !== 'string' || path.includes('['))
      throw new ApiError(
        400,
        'invalid.value',
        `Operations[${i}].path "${String(path)}" is not supported`,
        {},
        'invalidPath',
      );
    const ext = [SCHEMA_ENTERPRISE, SCHEMA_GENESYS].find((s) => path.startsWith(`${s}:`));
    const target = ext ? ((view[ext] ??= {}) as Body) : view;
    const attr = ext ? path.slice(ext.length + 1) : path;
    if (kind === 'remove') delete target[attr];
    else target[attr] = op.value;
  }
  return replaceScimUser(org, user, view);
}

export function scimUserView(org: Org, u: User, baseUrl: string): Models.ScimV2User {
  const name = (kind: 'skills' | 'languages', id: string) => org[kind].get(id)?.name ?? id;
  const view: Models.ScimV2User = {
    schemas: [SCHEMA_CORE, SCHEMA_ENTERPRISE, SCHEMA_GENESYS],
    id: u.id,
    active: u.active,
    userName: u.userName,
    displayName: u.displayName,
    emails: u.emails as Models.ScimEmail[],
    phoneNumbers: u.phoneNumbers as Models.ScimPhoneNumber[],
    groups: [],
    roles: u.roleIds.map((id) => ({ value: org.roles.get(id)?.name ?? id })),
    [SCHEMA_ENTERPRISE]: { division: org.divisions.get(u.divisionId)?.name ?? 'Home' },
    [SCHEMA_GENESYS]: {
      routingSkills: [...u.skills].map(([id, proficiency]) => ({ name: name('skills', id), proficiency })),
      routingLanguages: [...u.languages].map(([id, proficiency]) => ({
        name: name('languages', id),
        proficiency,
      })),
      externalIds: u.externalIds as Models.ScimGenesysUserExternalId[],
    },
    meta: {
      resourceType: 'User',
      lastModified: u.lastModified,
      location: `${baseUrl}/api/v2/scim/v2/users/${u.id}`,
      version: `W/"${u.version}"`,
    },
  };
  if (u.externalId !== undefined) view.externalId = u.externalId;
  if (u.title !== undefined) view.title = u.title;
  return view;
}
