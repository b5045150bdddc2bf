// Users through SCIM v2 (/api/v2/scim/v2/users): how config sync creates, updates and deactivates them.
import type { Models } from 'purecloud-platform-client-v2';
import { BULK_LIMITS } from '../bulk.ts';
import { retryConflicts } from '../conflict.ts';
import { createOnce } from '../create-once.ts';
import { collect, scimPages } from '../paging.ts';
import { seg, type AreaContext } from './context.ts';

const area = 'scim';
const USERS = '/api/v2/scim/v2/users';
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';

export interface ScimListOptions {
  /** A SCIM filter, e.g. `externalId eq 167844` (without one the API lists active users only). */
  filter?: string;
  attributes?: string[];
  excludedAttributes?: string[];
  /** Page size (default 25: larger pages risk a 429). */
  count?: number;
  caller?: string;
}

/** Quotes a value for a SCIM filter. */
export function scimString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function scimArea(ctx: AreaContext) {
  const t = ctx.transport;
  const listPage = (startIndex: number, count: number, o: ScimListOptions) =>
    t.call<Models.ScimUserListResponse>({
      area,
      method: 'GET',
      path: USERS,
      caller: o.caller,
      query: {
        startIndex,
        count,
        filter: o.filter,
        attributes: o.attributes?.join(','),
        excludedAttributes: o.excludedAttributes?.join(','),
      },
    });

  const patchOnce = (id: string, operations: Models.ScimV2PatchOperation[], version?: string) =>
    t.call<Models.ScimV2User>({
      area,
      method: 'PATCH',
      path: `${USERS}/${seg(id)}`,
      body: { schemas: [SCIM_PATCH_SCHEMA], Operations: operations } satisfies Models.ScimV2PatchRequest,
      headers: version ? { 'if-match': version } : undefined,
    });

  const api = {
    /** Every user matching the filter, page after page (startIndex/count). */
    users(o: ScimListOptions = {}): AsyncGenerator<Models.ScimV2User> {
      return scimPages((startIndex, count) => listPage(startIndex, count, o), {
        count: o.count ?? BULK_LIMITS.scimPageSize,
      });
    },
    listUsers(o: ScimListOptions = {}): Promise<Models.ScimV2User[]> {
      return collect(api.users(o));
    },
    async findByExternalId(externalId: string): Promise<Models.ScimV2User | undefined> {
      const page = await listPage(1, 2, { filter: `externalId eq ${scimString(externalId)}` });
      return page.Resources?.[0];
    },
    async findByUserName(userName: string): Promise<Models.ScimV2User | undefined> {
      const page = await listPage(1, 2, { filter: `userName eq ${scimString(userName)}` });
      return page.Resources?.[0];
    },
    getUser(id: string): Promise<Models.ScimV2User> {
      return t.call({ area, method: 'GET', path: `${USERS}/${seg(id)}` });
    },
    /** A plain create; prefer createUserOnce in a sync. */
    createUser(body: Models.ScimV2CreateUser): Promise<Models.ScimV2User> {
      return t.call({ area, method: 'POST', path: USERS, body: { schemas: [SCIM_USER_SCHEMA], ...body } });
    },
    /** Creates the user unless a lost earlier attempt already did (looked up by externalId, else userName). */
    createUserOnce(body: Models.ScimV2CreateUser): Promise<Models.ScimV2User> {
      return createOnce({
        create: () => api.createUser(body),
        find: async () =>
          (body.externalId ? await api.findByExternalId(body.externalId) : undefined) ??
          (await api.findByUserName(body.userName)),
        backoff: ctx.backoff,
      });
    },
    /**
     * Replaces the user; `version` (meta.version) becomes If-Match for optimistic locking (a conflict then
     * comes back to the caller, who must read again). Without a version, a conflict is retried.
     */
    replaceUser(id: string, body: Models.ScimV2User, version?: string): Promise<Models.ScimV2User> {
      const call = () =>
        t.call<Models.ScimV2User>({
          area,
          method: 'PUT',
          path: `${USERS}/${seg(id)}`,
          body: { schemas: [SCIM_USER_SCHEMA], ...body },
          headers: version ? { 'if-match': version } : undefined,
        });
      return version ? call() : retryConflicts(call, { backoff: ctx.backoff });
    },
    /** PATCH; as replaceUser, a conflict is retried only when no version was given. */
    patchUser(
      id: string,
      operations: Models.ScimV2PatchOperation[],
      version?: string,
    ): Promise<Models.ScimV2User> {
      const call = () => patchOnce(id, operations, version);
      return version ? call() : retryConflicts(call, { backoff: ctx.backoff });
    },
    /**
     * Read-modify-write: reads the user, lets `build` derive the operations from what it has now (none:
     * nothing to do), and PATCHes them. A version conflict starts over with a fresh read.
     */
    updateUser(
      id: string,
      build: (current: Models.ScimV2User) => Models.ScimV2PatchOperation[] | undefined,
    ): Promise<Models.ScimV2User | undefined> {
      return retryConflicts(
        async () => {
          const ops = build(await api.getUser(id));
          return ops?.length ? patchOnce(id, ops) : undefined;
        },
        { backoff: ctx.backoff },
      );
    },
    /** Deactivates (the seeds: a deleted Person becomes inactive). */
    deactivateUser(id: string): Promise<Models.ScimV2User> {
      // A path-less replace with an object value: the SDK types `value` as an object.
      return api.patchUser(id, [{ op: 'replace', value: { active: false } }]);
    },
    deleteUser(id: string): Promise<void> {
      return t.call({ area, method: 'DELETE', path: `${USERS}/${seg(id)}` });
    },
  };
  return api;
}

export type ScimApi = ReturnType<typeof scimArea>;
