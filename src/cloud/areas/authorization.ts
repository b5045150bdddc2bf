// Roles and divisions: the Home division users land in, roles looked up by name, grants.
import type { Models } from 'purecloud-platform-client-v2';
import { retryConflicts } from '../conflict.ts';
import { collect, pageNumberPages } from '../paging.ts';
import { seg, type AreaContext } from './context.ts';

const area = 'authorization';

export function authorizationArea(ctx: AreaContext) {
  const t = ctx.transport;
  const api = {
    homeDivision(): Promise<Models.AuthzDivision> {
      return t.call({ area, method: 'GET', path: '/api/v2/authorization/divisions/home' });
    },
    divisions(o: { name?: string } = {}): AsyncGenerator<Models.AuthzDivision> {
      return pageNumberPages((pageNumber, pageSize) =>
        t.call<Models.AuthzDivisionEntityListing>({
          area,
          method: 'GET',
          path: '/api/v2/authorization/divisions',
          query: { pageNumber, pageSize, name: o.name },
        }),
      );
    },
    roles(o: { name?: string } = {}): AsyncGenerator<Models.DomainOrganizationRole> {
      return pageNumberPages((pageNumber, pageSize) =>
        t.call<Models.OrganizationRoleEntityListing>({
          area,
          method: 'GET',
          path: '/api/v2/authorization/roles',
          query: { pageNumber, pageSize, name: o.name },
        }),
      );
    },
    listRoles(o: { name?: string } = {}): Promise<Models.DomainOrganizationRole[]> {
      return collect(api.roles(o));
    },
    /** The role with exactly this name (case-insensitive), or undefined. `?name=` may match more loosely. */
    async findRoleByName(name: string): Promise<Models.DomainOrganizationRole | undefined> {
      const roles = await api.listRoles({ name });
      return roles.find((r) => r.name?.toLowerCase() === name.toLowerCase());
    },
    /** Replaces the user's roles (role ids); repeated after a version conflict. */
    setUserRoles(userId: string, roleIds: string[]): Promise<Models.UserAuthorization> {
      return retryConflicts(
        () => t.call({ area, method: 'PUT', path: `/api/v2/users/${seg(userId)}/roles`, body: roleIds }),
        { backoff: ctx.backoff },
      );
    },
    /**
     * Adds role grants in given divisions (`divisionId` is required; "*" = all divisions). Adding an
     * existing grant again is harmless, so it is repeated after a version conflict, and after a 404: a role
     * or division created moments ago may not be in the auth service's cache yet.
     */
    addGrants(subjectId: string, grants: Models.RoleDivisionPair[]): Promise<void> {
      const body: Models.RoleDivisionGrants = { grants };
      return retryConflicts(
        () =>
          t.call<void>({
            area,
            method: 'POST',
            path: `/api/v2/authorization/subjects/${seg(subjectId)}/bulkadd`,
            body,
            idempotent: true,
          }),
        { backoff: ctx.backoff, retryNotFound: true },
      );
    },
    /** Moves objects (`USER`, `QUEUE`, …) into a division. */
    moveToDivision(divisionId: string, objectType: string, ids: string[]): Promise<void> {
      return t.call({
        area,
        method: 'POST',
        path: `/api/v2/authorization/divisions/${seg(divisionId)}/objects/${seg(objectType)}`,
        body: ids,
        idempotent: true,
      });
    },
  };
  return api;
}

export type AuthorizationApi = ReturnType<typeof authorizationArea>;
