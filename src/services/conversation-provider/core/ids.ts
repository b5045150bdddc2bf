// Deterministic ids: the same Engage input always yields the same Genesys Cloud ids, so a re-processed
// or re-sent event is recognised (HA takeover, replays).
import { eventIdFor } from '../../../cloud/event-id.ts';
import { attrString, callUuid, connId, eventTime, type TEvent } from '../../../engage/tlib/index.ts';

/** The conversation of a chain: from the first CallUUID of the chain. */
export const conversationIdOf = (chainKey: string): string => eventIdFor('excp-conversation', chainKey);

/** A communication: from the conversation and the identity of the party (or VQ queueing) it stands for. */
export const communicationIdOf = (conversationId: string, commKey: string): string =>
  eventIdFor('excp-communication', conversationId, commKey);

export const commandIdOf = (conversationId: string, key: string): string =>
  eventIdFor('excp-command', conversationId, key);

/**
 * What both servers of an HA pair agree on for one event (the sequence number is each server's own):
 * the same fields the T-Lib link de-duplicates on (link/dedup.ts), plus the site.
 */
export function eventIdentity(ev: TEvent, site: string): string {
  const t = eventTime(ev);
  const where = attrString(ev, 'AttributePartyUUID') ?? attrString(ev, 'AttributeThisDN') ?? '';
  const call = callUuid(ev) ?? connId(ev) ?? '';
  return `${site}|${ev.name}|${call}|${where}|${t ? `${t.secs}.${t.usecs}` : ''}`;
}

/** The eventId of the `index`-th Genesys Cloud event made from one Engage event. */
export const eventIdOf = (identity: string, index: number): string =>
  eventIdFor('excp-event', identity, index);
