// Create/change/delete of skills, languages, queues, queue members and wrap-up codes, with the real
// API's rules: required names, case-insensitive unique names, UUID ids, 100 per call.
import { ApiError, badRequest, conflict, invalidValue, notFound } from '../errors.ts';
import { isNonEmptyString, isUuid, newId, nowIso } from '../ids.ts';
import { checkEachProperties, checkProperties } from '../properties.ts';
import { findByName, homeDivision, type Org, type Queue, type Skill, type WrapupCode } from '../state.ts';

export const BULK_LIMIT = 100;
type Body = Record<string, unknown>;
const asBody = (v: unknown): Body => {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw badRequest('The request body must be a JSON object');
  return v as Body;
};

function requireName(body: Body, what: string): string {
  if (!isNonEmptyString(body.name)) throw invalidValue('name', `${what} name is required`);
  return body.name.trim();
}

function divisionOf(org: Org, body: Body): string {
  const d = body.division as Body | undefined;
  if (d === undefined || d === null) return homeDivision(org).id;
  if (!isUuid(d.id) || !org.divisions.has(d.id))
    throw invalidValue('division.id', `division ${String(d.id)} does not exist`);
  return d.id;
}

export function createSkill(org: Org, kind: 'skills' | 'languages', input: unknown): Skill {
  const body = asBody(input);
  checkProperties(body, kind === 'skills' ? 'CreateRoutingSkill' : 'Language');
  const what = kind === 'skills' ? 'Skill' : 'Language';
  const name = requireName(body, what);
  if (findByName(org[kind], name)) throw conflict(`${what} with name "${name}" already exists`);
  const s: Skill = { id: newId(), name, dateModified: nowIso(), version: 1 };
  if (body.divisionId !== undefined) {
    if (!isUuid(body.divisionId) || !org.divisions.has(body.divisionId))
      throw invalidValue('divisionId', `division ${String(body.divisionId)} does not exist`);
    s.divisionId = body.divisionId;
  }
  org[kind].set(s.id, s);
  return s;
}

export function getOrThrow<T>(map: Map<string, T>, id: string, what: string): T {
  const v = isUuid(id) ? map.get(id) : undefined;
  if (!v) throw notFound(what, id);
  return v;
}

export function deleteSkill(org: Org, kind: 'skills' | 'languages', id: string): void {
  getOrThrow(org[kind], id, kind === 'skills' ? 'Skill' : 'Language');
  org[kind].delete(id);
  for (const u of org.users.values()) (kind === 'skills' ? u.skills : u.languages).delete(id);
}

/** Fields kept in their own right, or read-only (counts, dates, authors): never stored in `extra`. */
const QUEUE_FIELDS = new Set([
  'name',
  'description',
  'division',
  'peerId',
  'enableTranscription',
  'id',
  'selfUri',
  'dateCreated',
  'dateModified',
  'modifiedBy',
  'createdBy',
  'memberCount',
  'userMemberCount',
  'joinedMemberCount',
  'sourceQueueId',
]);

export function createQueue(org: Org, input: unknown): Queue {
  const body = asBody(input);
  checkProperties(body, 'CreateQueueRequest');
  const name = requireName(body, 'Queue');
  if (findByName(org.queues, name)) throw conflict(`Queue with name "${name}" already exists`);
  if (body.sourceQueueId !== undefined && !(isUuid(body.sourceQueueId) && org.queues.has(body.sourceQueueId)))
    throw invalidValue('sourceQueueId', `sourceQueueId ${String(body.sourceQueueId)} is not a queue`);
  const now = nowIso();
  const q: Queue = {
    id: newId(),
    name,
    description: typeof body.description === 'string' ? body.description : '',
    divisionId: divisionOf(org, body),
    enableTranscription: body.enableTranscription === true,
    members: new Map(),
    wrapupCodeIds: new Set(),
    dateCreated: now,
    dateModified: now,
    extra: {},
  };
  applyQueueFields(q, body);
  org.queues.set(q.id, q);
  return q;
}

function applyQueueFields(q: Queue, body: Body): void {
  if (body.peerId !== undefined && body.peerId !== null) {
    if (typeof body.peerId !== 'string') throw invalidValue('peerId', 'peerId must be a string');
    q.peerId = body.peerId;
  } else delete q.peerId;
  // Known QueueRequest fields the emulator does not model (checkProperties refused any other).
  q.extra = {};
  for (const [k, v] of Object.entries(body)) if (!QUEUE_FIELDS.has(k)) q.extra[k] = v;
}

export function updateQueue(org: Org, id: string, input: unknown): Queue {
  const q = getOrThrow(org.queues, id, 'Queue');
  const body = asBody(input);
  checkProperties(body, 'QueueRequest');
  const name = requireName(body, 'Queue');
  const clash = findByName(org.queues, name);
  if (clash && clash.id !== q.id) throw conflict(`Queue with name "${name}" already exists`);
  q.name = name;
  q.description = typeof body.description === 'string' ? body.description : '';
  q.divisionId = divisionOf(org, body);
  q.enableTranscription = body.enableTranscription === true;
  applyQueueFields(q, body);
  q.dateModified = nowIso();
  return q;
}

export function deleteQueue(org: Org, id: string): void {
  getOrThrow(org.queues, id, 'Queue');
  org.queues.delete(id);
  for (const p of org.programs.values()) p.queueIds = p.queueIds.filter((x) => x !== id);
}

/** `[{id}]` lists of the bulk calls: an array of at most 100 objects with a UUID id. */
export function idList(input: unknown, what: string, limit = BULK_LIMIT): string[] {
  if (!Array.isArray(input)) throw badRequest(`The request body must be an array of ${what} references`);
  if (input.length > limit)
    throw new ApiError(
      400,
      'bad.request',
      `At most ${limit} ${what}s are allowed per request (got ${input.length})`,
      {
        limit: String(limit),
      },
    );
  return input.map((e, i) => {
    const id = (e as Body | null)?.id;
    if (!isUuid(id))
      throw invalidValue(
        `[${i}].id`,
        `${what} [${i}]: id must be a UUID (got ${JSON.stringify(id) ?? 'nothing'})`,
      );
    return id;
  });
}

export function setQueueMembers(org: Org, queueId: string, input: unknown, remove: boolean): void {
  const q = getOrThrow(org.queues, queueId, 'Queue');
  const ids = idList(input, 'member');
  checkEachProperties(input, 'WritableEntity');
  if (!remove)
    for (const id of ids) if (!org.users.has(id)) throw invalidValue('id', `user ${id} does not exist`);
  for (const id of ids) {
    if (remove) q.members.delete(id);
    else if (!q.members.has(id)) q.members.set(id, { joined: false, memberBy: 'user' });
  }
  q.dateModified = nowIso();
}

export function addQueueWrapupCodes(org: Org, queueId: string, input: unknown): WrapupCode[] {
  const q = getOrThrow(org.queues, queueId, 'Queue');
  const ids = idList(input, 'wrap-up code');
  const codes = ids.map((id) => {
    const c = org.wrapupCodes.get(id);
    if (!c) throw invalidValue('id', `wrap-up code ${id} does not exist`);
    return c;
  });
  for (const c of codes) q.wrapupCodeIds.add(c.id);
  return codes;
}

export function createWrapupCode(org: Org, input: unknown): WrapupCode {
  const body = asBody(input);
  checkProperties(body, 'WrapupCodeRequest');
  const name = requireName(body, 'Wrap-up code');
  if (findByName(org.wrapupCodes, name)) throw conflict(`Wrap-up code with name "${name}" already exists`);
  const now = nowIso();
  const c: WrapupCode = {
    id: newId(),
    name,
    divisionId: divisionOf(org, body),
    dateCreated: now,
    dateModified: now,
  };
  if (typeof body.description === 'string') c.description = body.description;
  org.wrapupCodes.set(c.id, c);
  return c;
}

export function updateWrapupCode(org: Org, id: string, input: unknown): WrapupCode {
  const c = getOrThrow(org.wrapupCodes, id, 'Wrap-up code');
  const body = asBody(input);
  checkProperties(body, 'WrapupCodeRequest');
  const name = requireName(body, 'Wrap-up code');
  const clash = findByName(org.wrapupCodes, name);
  if (clash && clash.id !== c.id) throw conflict(`Wrap-up code with name "${name}" already exists`);
  c.name = name;
  c.divisionId = divisionOf(org, body);
  if (typeof body.description === 'string') c.description = body.description;
  else delete c.description;
  c.dateModified = nowIso();
  return c;
}

export function deleteWrapupCode(org: Org, id: string): void {
  getOrThrow(org.wrapupCodes, id, 'Wrap-up code');
  org.wrapupCodes.delete(id);
  for (const q of org.queues.values()) q.wrapupCodeIds.delete(id);
}
