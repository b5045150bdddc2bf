// One step's working context: the input, its time and identity, what it emits, notes and touches.
import { hash } from 'node:crypto';
import type { TaggedConversationEvent } from '../../../cloud/areas/events.ts';
import { eventTimeMicros, type TEvent } from '../../../engage/tlib/index.ts';
import type {
  Directory,
  OutEvent,
  StepResult,
  TrackerInput,
  TrackerNote,
  TrackerNoteKind,
  TrackerState,
} from './api.ts';
import { eventIdentity, eventIdOf } from './ids.ts';
import type { ChainState, DnState } from './model.ts';

/** The event fields the tracker fills in itself. */
type Common = 'eventId' | 'eventDateTime' | 'conversationId';
/** A conversation event before its id, time and conversation are set. */
export type Draft = {
  [K in TaggedConversationEvent['kind']]: {
    kind: K;
    event: Omit<Extract<TaggedConversationEvent, { kind: K }>['event'], Common>;
  };
}[TaggedConversationEvent['kind']];

export class StepContext {
  readonly ev: TEvent;
  readonly site: string;
  /** Event time in ms (0 when the event has none: such events still get deterministic ids). */
  readonly ms: number;
  readonly at: string;
  readonly identity: string;
  private seen: string | undefined;
  readonly out: OutEvent[] = [];
  readonly notes: TrackerNote[] = [];
  private readonly chains = new Set<string>();
  private readonly aliases = new Set<string>();
  private readonly dns = new Set<string>();
  private index = 0;

  constructor(
    readonly state: TrackerState,
    readonly input: TrackerInput,
    readonly dir: Directory,
  ) {
    this.ev = input.event;
    this.site = input.site;
    const us = eventTimeMicros(this.ev);
    this.ms = us === undefined ? 0 : Math.floor(us / 1000);
    this.at = new Date(this.ms).toISOString();
    this.identity = eventIdentity(this.ev, this.site);
  }

  /**
   * The identity as a chain remembers it (`seen`): 96 bits of its hash, not its 100-odd characters, as
   * every commit writes the chain whole (a collision among a chain's few hundred events would need 2^48).
   */
  get seenKey(): string {
    return (this.seen ??= hash('sha1', this.identity, 'base64url').slice(0, 16));
  }

  touchChain(key: string): void {
    this.chains.add(key);
  }

  setAlias(alias: string, chainKey: string): void {
    if (this.state.aliases[alias] === chainKey) return;
    this.state.aliases[alias] = chainKey;
    this.aliases.add(alias);
    const chain = this.state.chains[chainKey];
    if (chain && !chain.aliases.includes(alias)) {
      chain.aliases.push(alias);
      this.touchChain(chainKey);
    }
  }

  chainOf(alias: string): ChainState | undefined {
    const key = this.state.aliases[alias];
    return key === undefined ? undefined : this.state.chains[key];
  }

  dn(dn: string, site = this.site): DnState {
    const key = `${site}/${dn}`;
    this.dns.add(key);
    return (this.state.dns[key] ??= { site, dn, calls: [] });
  }

  peekDn(dn: string, site = this.site): DnState | undefined {
    return this.state.dns[`${site}/${dn}`];
  }

  dropDn(dnState: DnState): void {
    const key = `${dnState.site}/${dnState.dn}`;
    delete this.state.dns[key];
    this.dns.add(key);
  }

  note(kind: TrackerNoteKind, reason: string, detail: string, chain?: ChainState): void {
    const callUuid = this.ev.attributes['AttributeCallUUID'];
    const connId = this.ev.attributes['AttributeConnID'];
    this.notes.push({
      kind,
      reason,
      detail,
      event: this.ev.name,
      ...(typeof callUuid === 'string' ? { callUuid } : {}),
      ...(typeof connId === 'string' ? { connId } : {}),
      ...(chain ? { conversationId: chain.conversationId } : {}),
    });
  }

  /**
   * Emits one conversation event of `chain`: sent now when the chain is live, held in its buffer while
   * it is pending, only `communicationEnded` when suspended, nothing otherwise.
   */
  emit(chain: ChainState, draft: Draft): void {
    if (chain.mode === 'not-injected' || chain.mode === 'ignored') return;
    if (chain.mode === 'suspended' && draft.kind !== 'communicationEndedEvents') return;
    // The three links are separate connections: an event may arrive after a later one of the same call.
    // Times never run backwards within a conversation (the API's order is by time).
    const ms = Math.max(this.ms, chain.outMs ?? 0);
    chain.outMs = ms;
    const event = {
      ...draft.event,
      eventId: eventIdOf(this.identity, this.index++),
      eventDateTime: ms === this.ms ? this.at : new Date(ms).toISOString(),
      conversationId: chain.conversationId,
    };
    const out = {
      conversationId: chain.conversationId,
      callUuid: chain.key,
      tagged: { kind: draft.kind, event },
    };
    // The draft's kind and event belong together by construction (Draft), which TypeScript cannot see
    // through the spread.
    const tagged = out as OutEvent;
    if (chain.mode === 'pending') chain.buffer.push(tagged);
    else this.out.push(tagged);
  }

  result(): StepResult {
    return {
      events: this.out,
      touched: { chains: [...this.chains], aliases: [...this.aliases], dns: [...this.dns] },
      notes: this.notes,
    };
  }
}
