// A chain's life: created for a call, qualified (its held-back events sent), suspended, not injected or
// ignored (each noted once), and finished when its last call is deleted.
import type { StepContext } from './context.ts';
import { ended, isPerson, liveComms, endConsult, type DisconnectType } from './comms.ts';
import { conversationIdOf } from './ids.ts';
import type { ChainState, CommRec } from './model.ts';

/** How many applied event identities a chain remembers (a call has a few dozen events). */
const SEEN_LIMIT = 256;

export function newChain(ctx: StepContext, key: string): ChainState {
  const chain: ChainState = {
    key,
    conversationId: conversationIdOf(key),
    site: ctx.site,
    mode: 'pending',
    calls: {},
    comms: {},
    commOrder: [],
    transfers: {},
    aliases: [],
    buffer: [],
    seen: [],
    lastMs: ctx.ms,
  };
  ctx.state.chains[key] = chain;
  ctx.touchChain(key);
  return chain;
}

/** True when this Engage event was already applied to the chain (then the step must change nothing). */
export function alreadySeen(ctx: StepContext, chain: ChainState): boolean {
  if (chain.seen.includes(ctx.seenKey)) return true;
  chain.seen.push(ctx.seenKey);
  if (chain.seen.length > SEEN_LIMIT) chain.seen.splice(0, chain.seen.length - SEEN_LIMIT);
  chain.lastMs = Math.max(chain.lastMs, ctx.ms);
  ctx.touchChain(chain.key);
  return false;
}

/** The chain proved injectable: what it held back goes out, in order. */
export function qualify(ctx: StepContext, chain: ChainState): void {
  if (chain.mode !== 'pending') return;
  chain.mode = 'live';
  ctx.out.push(...chain.buffer);
  chain.buffer = [];
}

/** Not injected at all (noted once): internal, ASM, an extension with no or an out-of-scope agent. */
export function notInjected(ctx: StepContext, chain: ChainState, reason: string, detail: string): void {
  if (chain.mode === 'pending') {
    chain.mode = 'not-injected';
    chain.reason = reason;
    chain.buffer = [];
    ctx.note('not-injected', reason, detail, chain);
  } else if (chain.mode === 'live') suspend(ctx, chain, reason, detail);
}

/** The chain's call is dropped as a whole (a third call on an agent DN), noted once. */
export function ignore(ctx: StepContext, chain: ChainState, reason: string, detail: string): void {
  if (chain.mode !== 'pending') return;
  chain.mode = 'ignored';
  chain.reason = reason;
  chain.buffer = [];
  ctx.note('ignored', reason, detail, chain);
}

/**
 * Monitoring Suspension Mode (seed 003): from now on only communicationEnded for the parties already
 * injected, as they leave. A pending chain first sends what it held (it was injected up to this step).
 */
export function suspend(ctx: StepContext, chain: ChainState, reason: string, detail: string): void {
  if (chain.mode !== 'live' && chain.mode !== 'pending') return;
  qualify(ctx, chain);
  chain.mode = 'suspended';
  chain.reason = reason;
  delete chain.consult;
  ctx.note('suspended', reason, detail, chain);
}

/** The disconnect type of a person leaving on its own: Self, unless its peer already hung up. */
export function selfOrPeer(chain: ChainState, leaving: CommRec): DisconnectType {
  const othersLive = liveComms(chain).some((c) => c !== leaving && isPerson(c));
  if (othersLive || !chain.selfEnded) {
    chain.selfEnded = true;
    return 'Self';
  }
  return 'Peer';
}

/**
 * After someone left: with no person left, the IVR and queue communications end too; in suspension (and
 * for ignored parties) a communication left alone is ended as well (seed 003).
 */
export function endLoneParties(ctx: StepContext, chain: ChainState): void {
  const live = liveComms(chain);
  if (!live.some(isPerson)) {
    for (const c of live) ended(ctx, chain, c, 'Peer');
    return;
  }
  if (chain.mode === 'suspended' && live.length === 1) ended(ctx, chain, live[0]!, 'Peer');
}

/** The last call of the chain was deleted: every communication ends; a pending chain decides now. */
export function finishIfDone(ctx: StepContext, chain: ChainState): void {
  if (chain.endedMs !== undefined) return;
  if (Object.values(chain.calls).some((c) => !c.deleted)) return;
  if (chain.mode === 'pending') {
    if (chain.missed) notInjected(ctx, chain, chain.missed, 'the call reached an extension it cannot inject');
    else if (chain.commOrder.length > 0) qualify(ctx, chain);
    else {
      chain.mode = 'not-injected';
      chain.reason = 'nothing-to-inject';
      ctx.note(
        'not-injected',
        'nothing-to-inject',
        'the call ended before any party could be injected',
        chain,
      );
    }
  }
  if (chain.mode === 'live') endConsult(ctx, chain);
  for (const c of liveComms(chain)) ended(ctx, chain, c, 'Peer');
  chain.endedMs = ctx.ms;
}
