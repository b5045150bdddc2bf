// Extension DNs in scope, kept in the store for EXCP (seed 003, "Extension DNs"): number, switch, the place
// that holds the DN, and the agent whose default place it is.
import type { DesiredExtension } from '../desired.ts';
import { DN_TYPE, type EngageDn, type EngagePerson, type EngagePlace } from '../model.ts';

export function mapExtensions(
  dns: readonly EngageDn[],
  places: readonly EngagePlace[],
  persons: readonly EngagePerson[],
): DesiredExtension[] {
  const placeOfDn = new Map<number, EngagePlace>();
  for (const pl of places) for (const d of pl.dnDbids) placeOfDn.set(d, pl);
  const agentOfPlace = new Map<number, number>();
  for (const p of persons) if (p.placeDbid !== undefined) agentOfPlace.set(p.placeDbid, p.dbid);
  return dns
    .filter((d) => d.type === DN_TYPE.extension)
    .map((d) => {
      const place = placeOfDn.get(d.dbid);
      const agentDbid = place ? agentOfPlace.get(place.dbid) : undefined;
      return {
        dbid: d.dbid,
        number: d.number,
        switch: d.switch,
        ...(place ? { place: place.name } : {}),
        ...(agentDbid !== undefined ? { agentDbid } : {}),
      };
    });
}
