// What Genesys Cloud last accepted per agent and channel, kept in the state store so a restarted EXAS
// does not re-send what the org already shows. One hash per agent (its cloud user id), one field per channel.
import type { StateStore } from '../../store/index.ts';
import { keys } from '../../store/keys.ts';
import { CHANNELS, type AcceptedStore, type Channel, type Sent } from './publisher.ts';

export function acceptedStore(store: StateStore): AcceptedStore {
  const prefix = keys.agentState('');
  return {
    async load() {
      const out = new Map<string, Partial<Record<Channel, Sent>>>();
      for await (const key of store.scan(prefix)) {
        const h = await store.hgetall(key);
        const rec: Partial<Record<Channel, Sent>> = {};
        for (const c of CHANNELS) if (h[c]) rec[c] = JSON.parse(h[c]) as Sent;
        out.set(key.slice(prefix.length), rec);
      }
      return out;
    },
    save: (userId, channel, sent) => store.hset(keys.agentState(userId), { [channel]: JSON.stringify(sent) }),
  };
}
