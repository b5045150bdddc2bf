// The recording journal: what the interaction-end requests need that the tracker does not keep — when
// each communication started, was answered and ended, and the call's user-data language at answer time.
// It rides in the chain's own JSON (`chain.rec`), so it is committed with the step that produced it and a
// takeover finds it as it was. A decorator around the tracker core; pure and deterministic like it.
import { callUuid, eventTimeMicros, userData, type KVList } from '../../../engage/tlib/index.ts';
import type { ChainState, TrackerInput, TrackerState } from '../core/api.ts';
import type { TrackerCore } from '../ha/processor.ts';

/** Per communication key: times (event time, ms) and the language-like user data when it was answered. */
export interface CommJournal {
  startMs: number;
  answeredMs?: number;
  endMs?: number;
  ud?: Record<string, string>;
}

export interface ChainJournal {
  /** CallUUID → the call's language-like user-data values, latest first seen. */
  ud: Record<string, Record<string, string>>;
  comms: Record<string, CommJournal>;
  /** Set when the chain ended as a recordable chain (its recordings were due from then). */
  endedMs?: number;
}

export type JournaledChain = ChainState & { rec?: ChainJournal };

/**
 * A user-data value that could be a language code (`de-DE`, `en_us`): the only values kept, whatever
 * the key, so the journal needs no configuration and stays small. Which key counts is decided later.
 */
const LANGUAGE_LIKE = /^[A-Za-z]{2,3}[-_][A-Za-z]{2}$/;
const MAX_KEYS = 8;

function languageValues(ud: KVList | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of ud ?? []) {
    if (typeof v !== 'string' || !LANGUAGE_LIKE.test(v) || n >= MAX_KEYS) continue;
    out[k] = v;
    n++;
  }
  return out;
}

/** The call a communication's party belongs to (else the chain's first call). */
function callOfComm(chain: ChainState, party: string | undefined): string {
  if (party)
    for (const [uuid, call] of Object.entries(chain.calls ?? {})) if (call.parties?.[party]) return uuid;
  return chain.key;
}

/** Updates `chain.rec` after a step; true when it changed. */
export function journalStep(chain: JournaledChain, input: TrackerInput): boolean {
  const us = eventTimeMicros(input.event);
  const ms = us === undefined ? chain.lastMs : Math.floor(us / 1000);
  const rec = (chain.rec ??= { ud: {}, comms: {} });
  let changed = false;
  const uuid = callUuid(input.event);
  const langs = languageValues(userData(input.event));
  if (uuid && Object.keys(langs).length) {
    const cur = rec.ud[uuid] ?? {};
    const next = { ...cur, ...langs };
    if (JSON.stringify(next) !== JSON.stringify(cur)) {
      rec.ud[uuid] = next;
      changed = true;
    }
  }
  for (const key of chain.commOrder ?? []) {
    const comm = chain.comms[key];
    if (!comm) continue;
    let j = rec.comms[key];
    if (!j) {
      j = rec.comms[key] = { startMs: ms };
      changed = true;
    }
    if (comm.answered && j.answeredMs === undefined) {
      j.answeredMs = ms;
      const ud = rec.ud[callOfComm(chain, comm.party)] ?? rec.ud[chain.key];
      if (ud) j.ud = { ...ud };
      changed = true;
    }
    if (comm.ended && j.endMs === undefined) {
      j.endMs = ms;
      changed = true;
    }
  }
  return changed;
}

/** A chain whose recordings are injected: injected (live) or in Monitoring Suspension Mode. */
export const recordable = (chain: ChainState): boolean => chain.mode === 'live' || chain.mode === 'suspended';

export interface JournalHooks {
  /** A recordable chain ended in this step (called once per step that ends it; idempotent downstream). */
  ended(chain: JournaledChain): void;
  /** Whether an ended recordable chain was handed to the recording queue (only then may it be dropped). */
  handedOff(chainKey: string): boolean;
}

/**
 * The tracker core with the journal: every chain a step touched (and the chain of the event's call) gets
 * its journal updated, and is reported touched so that the journal is committed with it.
 */
export function withRecordingJournal(inner: TrackerCore, hooks: JournalHooks): TrackerCore {
  return {
    emptyState: () => inner.emptyState(),
    step(state, input, dir) {
      const r = inner.step(state, input, dir);
      const keys = new Set(r.touched.chains);
      const uuid = callUuid(input.event);
      const own = uuid ? (state.aliases[`call:${uuid}`] ?? state.aliases[`uuid:${uuid}`]) : undefined;
      if (own) keys.add(own);
      const touched = new Set(r.touched.chains);
      for (const key of keys) {
        const chain = state.chains[key] as JournaledChain | undefined;
        if (!chain || !chain.commOrder) continue;
        const wasEnded = chain.rec?.endedMs !== undefined;
        if (journalStep(chain, input)) touched.add(key);
        if (chain.endedMs !== undefined && recordable(chain) && !wasEnded && chain.rec) {
          chain.rec.endedMs = chain.endedMs;
          touched.add(key);
          hooks.ended(chain);
        }
      }
      return { ...r, touched: { ...r.touched, chains: [...touched] } };
    },
    forget: (state, key) => inner.forget(state, key),
    expired(state: TrackerState, nowMs: number, graceMs: number) {
      return inner.expired(state, nowMs, graceMs).filter((key) => {
        const chain = state.chains[key];
        return !chain || !recordable(chain) || chain.endedMs === undefined || hooks.handedOff(key);
      });
    },
  };
}
