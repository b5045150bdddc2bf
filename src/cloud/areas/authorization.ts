// Roles and divisions: the Home division users land in, roles looked up by name, grants.
import type { Models } from 'purecloud-platform-client-v2';
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
    /** Replaces the user's roles (role ids). */
    setUserRoles(userId: string, roleIds: string[]): Promise<Models.UserAuthorization> {
      return t.call({ area, method: 'PUT', path: `/api/v2/users/${seg(userId)}/roles`, body: roleIds });
    },
    /** Adds role grants in given divisions (adding an existing grant again is harmless). */
    addGrants(subjectId: string, grants: Models.RoleDivisionPair[]): Promise<void> {
      const body: Models.RoleDivisionGrants = { grants };
      return t.call({
        area,
        method: 'POST',
        path: `/api/v2/authorization/subjects/${seg(subjectId)}/bulkadd`,
        body,
        idempotent: true,
      });
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
