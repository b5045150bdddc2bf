// The STA request that goes into metadata.json. EXCP chose the program and language by the seeds' rules
// when the call ended; EXRP checks the choice against the org as it last read it (every 15 minutes):
// transcription switched off for the org since → no STA; the program deleted since → the org's default
// program, or no STA when there is none. Pure.
import type { StaRequest } from './interaction-end.ts';

export interface StaSnapshot {
  transcription: string;
  defaultProgramId: string | undefined;
  programIds: ReadonlySet<string>;
  readAt: number;
}

export function effectiveSta(
  requested: StaRequest | undefined,
  org: StaSnapshot | undefined,
): { sta: StaRequest | undefined; note?: string } {
  if (!requested || !org) return { sta: requested };
  if (org.transcription === 'Disabled')
    return { sta: undefined, note: 'transcription is disabled for the org' };
  if (org.programIds.has(requested.programId)) return { sta: requested };
  if (org.defaultProgramId && org.programIds.has(org.defaultProgramId))
    return {
      sta: { ...requested, programId: org.defaultProgramId },
      note: `program ${requested.programId} no longer exists; the default program is used`,
    };
  return { sta: undefined, note: `program ${requested.programId} no longer exists and there is no default` };
}
