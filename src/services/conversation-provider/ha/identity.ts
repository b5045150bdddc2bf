// An ingested event's identity, the same on both instances of the pair: the link it came in on, the
// SIP Server pair, the message, the call (CallUUID, else ConnID), where (PartyUUID, else ThisDN) and the
// event time to the microsecond — what the two servers of a pair and the two instances agree on (the
// sequence number is each server's own). Two distinct events that share all of it are told apart by
// their occurrence: each instance counts the repeats of an identity in its own stream, which is in the
// same order on both instances.
import { hash } from 'node:crypto';
import { attrString, eventTimeMicros, type TEvent } from '../../../engage/tlib/index.ts';

export function eventIdentity(event: TEvent, link: string, pair: number): string {
  const call = attrString(event, 'AttributeCallUUID') ?? attrString(event, 'AttributeConnID') ?? '';
  const where = attrString(event, 'AttributePartyUUID') ?? attrString(event, 'AttributeThisDN') ?? '';
  const time = eventTimeMicros(event);
  // Without a time (T-Lib always sends one; a bridge might not), the whole event is the identity.
  const rest = time === undefined ? JSON.stringify(withoutSequence(event)) : '';
  const text = `${link}|${pair}|${event.name}|${call}|${where}|${time ?? ''}|${rest}`;
  // 16 bytes of a hash keep the seen-sets small; a collision would need 2^64 events.
  return hash('sha1', text, 'base64url').slice(0, 22);
}

function withoutSequence(event: TEvent): Record<string, unknown> {
  const { AttributeEventSequenceNumber: _seq, ...rest } = event.attributes;
  return { name: event.name, ...rest };
}

/** Counts repeats of recent identities (a ring of the last `window`), so the n-th repeat gets `#n`. */
export class OccurrenceCounter {
  private readonly counts = new Map<string, number>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(private readonly window = 10_000) {
    this.ring = new Array<string | undefined>(window);
  }

  /** The identity with its occurrence: `id` the first time, `id#2` the second, … */
  tag(id: string): string {
    const n = (this.counts.get(id) ?? 0) + 1;
    if (n === 1) {
      const old = this.ring[this.next];
      if (old !== undefined) this.counts.delete(old);
      this.ring[this.next] = id;
      this.next = (this.next + 1) % this.window;
    }
    this.counts.set(id, n);
    return n === 1 ? id : `${id}#${n}`;
  }
}
