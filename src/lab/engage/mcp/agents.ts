// Whose legs MCP records: the agents of the SIP Server simulator's topology (generated for a number of
// agents, or read from the lab Config DB: the same sources that simulator uses), extension → agent id.
import { readSnapshot } from '../../../engage/configdb/index.ts';
import { openLabDatabase } from '../configdb/index.ts';
import { generateTopology, topologyFromSnapshot, type SipTopology } from '../sip-server/index.ts';

export function topologyAgents(t: SipTopology): { extension: string; agentId: string }[] {
  return [...t.home.agents, ...t.remote.agents].map((a) => ({ extension: a.extension, agentId: a.agentId }));
}

export async function recordedAgents(o: {
  configDbUrl?: string | undefined;
  agents: number;
}): Promise<{ extension: string; agentId: string }[]> {
  if (!o.configDbUrl) return topologyAgents(generateTopology({ agents: o.agents }));
  const db = await openLabDatabase(o.configDbUrl);
  try {
    return topologyAgents(topologyFromSnapshot(await readSnapshot(db.client)));
  } finally {
    await db.close();
  }
}
