// The folder tree of the seeded Config DB: EX_EVOLUTION (the seeds' example name) at the root of
// Persons, Skills and Agent Groups and under each switch's DNs; EX_PILOT three levels deep; folders
// that must stay out of scope beside them.
import { CfgObjectType } from '../../../engage/configdb/enums.ts';
import type { DatasetBuilder } from './dataset.ts';

export interface FolderLayout {
  persons: {
    exEvolution: number;
    salesTeam: number;
    supportTeam: number;
    exPilot: number;
    backOffice: number;
  };
  skills: { exEvolution: number; backOffice: number };
  groups: { exEvolution: number; backOffice: number };
  dns: {
    sipExEvolution: number;
    sipExtensionsInScope: number;
    sipExtensions: number;
    sipExtensionsPilot: number;
    vqExEvolution: number;
    vqReporting: number;
  };
}

export const SWITCH_DBIDS = { sip: 101, vq: 102 } as const;

export function layoutFolders(b: DatasetBuilder): FolderLayout {
  const P = CfgObjectType.Person;
  const exEvolution = b.folder('EX_EVOLUTION', P, null);
  const regions = b.folder('Regions', P, null);
  const emea = b.folder('EMEA', P, regions);
  const persons = {
    exEvolution,
    salesTeam: b.folder('Sales Team', P, exEvolution),
    supportTeam: b.folder('Support Team', P, exEvolution),
    exPilot: b.folder('EX_PILOT', P, emea),
    backOffice: b.folder('Back Office', P, null),
  };
  const S = CfgObjectType.Skill;
  const skills = {
    exEvolution: b.folder('EX_EVOLUTION', S, null),
    backOffice: b.folder('Back Office Skills', S, null),
  };
  const G = CfgObjectType.AgentGroup;
  const groups = {
    exEvolution: b.folder('EX_EVOLUTION', G, null),
    backOffice: b.folder('Back Office', G, null),
  };
  const D = CfgObjectType.DN;
  const sip = { type: CfgObjectType.Switch, dbid: SWITCH_DBIDS.sip };
  const vq = { type: CfgObjectType.Switch, dbid: SWITCH_DBIDS.vq };
  const sipExEvolution = b.folder('EX_EVOLUTION', D, null, sip);
  const sipExtensions = b.folder('Extensions', D, null, sip);
  const dns = {
    sipExEvolution,
    sipExtensionsInScope: b.folder('Extensions', D, sipExEvolution, sip),
    sipExtensions,
    sipExtensionsPilot: b.folder('EX_PILOT', D, sipExtensions, sip),
    vqExEvolution: b.folder('EX_EVOLUTION', D, null, vq),
    vqReporting: b.folder('Reporting VQs', D, null, vq),
  };
  return { persons, skills, groups, dns };
}
