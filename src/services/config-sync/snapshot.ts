// The reader's Engage model (src/engage/configdb) → the rules' input. The only file that knows the reader's
// shapes, so a reader change touches one place.
import type * as Db from '../../engage/configdb/model.ts';
import type { EngageSnapshot } from './model.ts';

const enabled = (s: Db.EngageState): boolean => s === 'enabled';

export function fromConfigDb(s: Db.EngageSnapshot): EngageSnapshot {
  const tenant = s.tenants[0] ?? { dbid: 1, name: 'Environment' };
  return {
    tenant: { dbid: tenant.dbid, name: tenant.name },
    persons: s.persons.map((p) => ({
      dbid: p.dbid,
      userName: p.userName,
      firstName: p.firstName ?? '',
      lastName: p.lastName ?? '',
      employeeId: p.employeeId ?? '',
      email: p.email ?? '',
      isAgent: p.isAgent,
      enabled: enabled(p.state),
      htccRoles: p.htccRoles.join(','),
      skills: p.skillLevels.flatMap((l) =>
        l.skillName === null ? [] : [{ skillDbid: l.skillDbid, name: l.skillName, level: l.level }],
      ),
      logins: p.agentLogins.map((l) => ({ code: l.loginCode, switch: l.switchName ?? String(l.switchDbid) })),
      ...(p.placeDbid !== null ? { placeDbid: p.placeDbid } : {}),
      folders: p.folderPath,
    })),
    skills: s.skills.map((k) => ({ dbid: k.dbid, name: k.name, folders: k.folderPath })),
    dns: s.dns.map((d) => ({
      dbid: d.dbid,
      number: d.number,
      type: d.type,
      switch: d.switchName ?? String(d.switchDbid),
      enabled: enabled(d.state),
      ...(d.lastModified ? { lastModified: new Date(d.lastModified) } : {}),
      folders: d.folderPath,
    })),
    agentGroups: s.agentGroups.map((g) => ({
      dbid: g.dbid,
      name: g.name,
      memberDbids: g.memberDbids,
      ...(g.wfmQueueNumber !== null ? { wfmQueueNumber: g.wfmQueueNumber } : {}),
      ...(g.virtualScript !== null ? { vagScript: g.virtualScript } : {}),
      folders: g.folderPath,
    })),
    businessAttributes: s.businessAttributes.map((b) => ({
      dbid: b.dbid,
      name: b.name,
      type: b.type,
      ...(b.htccContains !== null ? { htccContains: b.htccContains } : {}),
      values: b.values.map((v) => ({ dbid: v.dbid, name: v.name })),
    })),
    places: s.places.map((p) => ({ dbid: p.dbid, name: p.name, dnDbids: p.dnDbids })),
    transaction: s.hybridIntegration?.sections ?? {},
  };
}
