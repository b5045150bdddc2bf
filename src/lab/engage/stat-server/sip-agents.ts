// Which agents sit on which extensions, as the SIP Server simulator sees them: its generated topology
// for a number of agents, or the lab Config DB's (the same sources the SIP Server simulator uses).
import { readSnapshot } from '../../../engage/configdb/index.ts';
import { openLabDatabase } from '../configdb/index.ts';
import { generateTopology, topologyFromSnapshot, type SipTopology } from '../sip-server/index.ts';

export async function sipAgents(o: {
  configDbUrl?: string | undefined;
  agents: number;
}): Promise<{ employeeId: string; extension: string }[]> {
  let topology: SipTopology;
  if (o.configDbUrl) {
    const db = await openLabDatabase(o.configDbUrl);
    try {
      topology = topologyFromSnapshot(await readSnapshot(db.client));
    } finally {
      await db.close();
    }
  } else topology = generateTopology({ agents: o.agents });
  return [...topology.home.agents, ...topology.remote.agents].map((a) => ({
    employeeId: a.employeeId,
    extension: a.extension,
  }));
}
