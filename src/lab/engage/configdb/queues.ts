// Virtual queues on two switches (one name on both), and the agent groups and VAGs linked to them by
// hybrid/WFM_queue_number, including the links the preflight must report.
import { CfgDNType, CfgObjectType } from '../../../engage/configdb/enums.ts';
import {
  IN_SCOPE_SKILLS,
  SWITCHES,
  VQ_NAMES,
  VQ_SKILL,
  vqCount,
  type SeedOptions,
  type SeededAgent,
} from './constants.ts';
import type { DatasetBuilder } from './dataset.ts';
import type { FolderLayout } from './folderLayout.ts';
import type { Rng } from './random.ts';

export function seedQueuesAndGroups(
  b: DatasetBuilder,
  rng: Rng,
  f: FolderLayout,
  agents: SeededAgent[],
  o: SeedOptions,
): void {
  const q = vqCount(o.agents);
  let dnDbid = 50001;
  let groupDbid = 301;
  const history = (i: number) =>
    new Date(Date.UTC(2026, 2, 1, 8, 0, 0) + i * 11_837_000).toISOString().replace('T', ' ').slice(0, 19);
  const inScope = agents.filter((a) => a.inScope);
  for (let j = 0; j < q; j++) {
    const name = VQ_NAMES[j] ?? `VQ_Queue_${String(j + 1).padStart(3, '0')}`;
    const onSip = j % 4 === 3;
    const sw = onSip ? SWITCHES.sip : SWITCHES.vq;
    const vqDbid = dnDbid++;
    b.dn({
      dbid: vqDbid,
      switchDbid: sw.dbid,
      number: name,
      type: CfgDNType.VirtACDQueue,
      alias: name.replace(/_/g, ' '),
      folderDbid: onSip ? f.dns.sipExEvolution : f.dns.vqExEvolution,
    });
    if (j % 2 === 0) b.history(CfgObjectType.DN, vqDbid, history(j));
    if (j === q - 1) continue; // the last VQ has no linked group (a preflight finding)
    const skill = VQ_SKILL[j] ?? (IN_SCOPE_SKILLS[j % IN_SCOPE_SKILLS.length]?.name as string);
    const link = j === 0 ? `${name}@${sw.name}` : name;
    const gDbid = groupDbid++;
    if (j % 3 === 0) {
      const range = IN_SCOPE_SKILLS.find((s) => s.name === skill);
      const threshold = range ? Math.round((range.min + range.max) / 2) : 1;
      b.agentGroup(gDbid, `VAG_${name.slice(3)}`, f.groups.exEvolution);
      b.annex(CfgObjectType.AgentGroup, gDbid, 'virtual', 'script', `Skill("${skill}")>=${threshold}`);
    } else {
      b.agentGroup(gDbid, `AG_${name.slice(3)}`, f.groups.exEvolution);
      const members = inScope.filter((a, k) => a.skills.has(skill) || k % q === j);
      for (const a of rng.sample(members, Math.min(members.length, 40))) {
        b.add('cfg_agent_group', { group_dbid: gDbid, agent_dbid: a.dbid });
      }
    }
    b.annex(CfgObjectType.AgentGroup, gDbid, 'hybrid', 'WFM_queue_number', link);
    const sup = agents[(j * 20) % Math.max(1, agents.length)];
    if (sup) b.add('cfg_group_manager', { group_dbid: gDbid, person_dbid: sup.dbid });
  }
  // VQ_Sales_Leads also on SIP_Switch: the bare name is ambiguous, one group links it that way.
  const clashDbid = dnDbid++;
  b.dn({
    dbid: clashDbid,
    switchDbid: SWITCHES.sip.dbid,
    number: 'VQ_Sales_Leads',
    type: CfgDNType.VirtACDQueue,
    folderDbid: f.dns.sipExEvolution,
  });
  const bare = groupDbid++;
  b.agentGroup(bare, 'AG_Sales_Leads_All_Sites', f.groups.exEvolution);
  b.annex(CfgObjectType.AgentGroup, bare, 'hybrid', 'WFM_queue_number', 'VQ_Sales_Leads');
  for (const a of inScope.slice(0, 5)) b.add('cfg_agent_group', { group_dbid: bare, agent_dbid: a.dbid });
  // Out of scope and reporting-only objects, and groups linking to what is not there.
  const report = dnDbid++;
  b.dn({
    dbid: report,
    switchDbid: SWITCHES.vq.dbid,
    number: 'VQ_Report_All',
    type: CfgDNType.VirtACDQueue,
    folderDbid: f.dns.vqReporting,
  });
  b.dn({
    dbid: dnDbid++,
    switchDbid: SWITCHES.sip.dbid,
    number: 'RP_Main',
    type: CfgDNType.RoutingPoint,
    folderDbid: null,
  });
  b.dn({
    dbid: dnDbid++,
    switchDbid: SWITCHES.sip.dbid,
    number: 'RP_Sales',
    type: CfgDNType.RoutingPoint,
    folderDbid: f.dns.sipExEvolution,
  });
  if (o.nameClashes) {
    b.dn({
      dbid: dnDbid,
      switchDbid: SWITCHES.vq.dbid,
      number: 'vq_billing',
      type: CfgDNType.VirtACDQueue,
      folderDbid: f.dns.vqExEvolution,
    });
  }
  for (const [name, link, folder] of [
    ['AG_Legacy', 'VQ_Decommissioned', f.groups.exEvolution],
    ['AG_Reporting', 'VQ_Report_All', f.groups.exEvolution],
    ['AG_BackOffice', 'VQ_Billing', f.groups.backOffice],
  ] as const) {
    const g = groupDbid++;
    b.agentGroup(g, name, folder);
    b.annex(CfgObjectType.AgentGroup, g, 'hybrid', 'WFM_queue_number', link);
  }
  b.agentGroup(groupDbid, 'AG_Unlinked_Team', f.groups.exEvolution);
}
