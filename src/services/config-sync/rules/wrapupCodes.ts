// Business attributes → wrap-up codes (seed 003, "Synchronization of Wrap-up Codes"): type Interaction
// Operational Attributes, and name DispositionCode or annex htcc/contains=dispositions (case-sensitive).
// One code per distinct value name; never folder-filtered.
import { ENUMERATOR_TYPE, type EngageBusinessAttribute } from '../model.ts';

export function isDispositionAttribute(ba: EngageBusinessAttribute): boolean {
  return (
    ba.type === ENUMERATOR_TYPE.interactionOperational &&
    (ba.name === 'DispositionCode' || ba.htccContains === 'dispositions')
  );
}

export function wrapupCodeNames(bas: readonly EngageBusinessAttribute[]): string[] {
  const names = new Set<string>();
  for (const ba of bas) if (isDispositionAttribute(ba)) for (const v of ba.values) names.add(v.name);
  return [...names].sort();
}
