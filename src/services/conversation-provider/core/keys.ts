// Which state keys a step reads, and forgetting a finished chain: for a shell that keeps the state in a
// store key by key (load what a step needs, drop what expired).
import {
  attrList,
  attrString,
  callUuid,
  connId,
  extensions,
  kvGet,
  kvString,
  thisDn,
  userData,
} from '../../../engage/tlib/index.ts';
import type { TrackerInput, TrackerState } from './api.ts';
import type { ChainState } from './model.ts';

/**
 * The aliases and DN keys `step` may read for this input. Load them, then the chains the aliases name,
 * then `chainDnKeys` of those chains.
 */
export function inputKeys(input: TrackerInput): { aliases: string[]; dns: string[] } {
  const ev = input.event;
  const ud = userData(ev);
  const calls = [
    callUuid(ev),
    attrString(ev, 'AttributeOrigCallUUID'),
    attrString(ev, 'AttributeNewCallUUID'),
    kvString(ud, 'CallUUID'),
    kvString(extensions(ev), 'CallUUID'),
  ];
  const aliases = new Set<string>();
  for (const c of calls) if (c) aliases.add(`call:${c}`);
  const cid = connId(ev);
  if (cid) aliases.add(`conn:${input.site}/${cid}`);
  for (const [link] of attrList(ev, 'AttributeISLinkList') ?? []) aliases.add(`link:${link}`);
  const dns = new Set<string>();
  for (const dn of [thisDn(ev), attrString(ev, 'AttributeDN')]) if (dn) dns.add(`${input.site}/${dn}`);
  const participants = kvGet(ud, 'Participants');
  if (Array.isArray(participants))
    for (const [, info] of participants) {
      const dn = Array.isArray(info) ? kvString(info, 'DN') : undefined;
      if (dn) dns.add(`${input.site}/${dn}`);
    }
  return { aliases: [...aliases], dns: [...dns] };
}

/** The DN keys of a chain's extensions (a step on the chain may read them). */
export function chainDnKeys(chain: ChainState): string[] {
  const out = new Set<string>();
  for (const call of Object.values(chain.calls))
    for (const p of Object.values(call.parties)) if (p.kind === 'extension') out.add(`${call.site}/${p.dn}`);
  return [...out];
}

/** Drops a chain, its aliases and its calls from DN states; returns the keys changed or deleted. */
export function forgetChain(
  state: TrackerState,
  key: string,
): { chains: string[]; aliases: string[]; dns: string[] } {
  const chain = state.chains[key];
  if (!chain) return { chains: [], aliases: [], dns: [] };
  const aliases = chain.aliases.filter((a) => state.aliases[a] === key);
  for (const a of aliases) delete state.aliases[a];
  const calls = new Set(Object.keys(chain.calls));
  const dns: string[] = [];
  for (const k of chainDnKeys(chain)) {
    const d = state.dns[k];
    if (!d || !d.calls.some((c) => calls.has(c))) continue;
    d.calls = d.calls.filter((c) => !calls.has(c));
    dns.push(k);
  }
  delete state.chains[key];
  return { chains: [key], aliases, dns };
}
