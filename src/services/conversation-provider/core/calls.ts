// The call-monitoring events (EventCall*): the calls and parties of each chain, and what their changes
// mean for the conversation (answers, holds, hang-ups, transfers, consultations, unsupported flows).
import {
  attrInt,
  attrList,
  attrString,
  callUuid,
  connId,
  kvGet,
  kvString,
  userData,
  type KVList,
} from '../../../engage/tlib/index.ts';
import {
  alreadySeen,
  endLoneParties,
  finishIfDone,
  ignore,
  newChain,
  notInjected,
  selfOrPeer,
  suspend,
} from './chains.ts';
import {
  consultEvent,
  dispositionApplied,
  endConsult,
  endTransfer,
  ended,
  isPerson,
  newTransferId,
  type DisconnectType,
} from './comms.ts';
import type { StepContext } from './context.ts';
import {
  CAMPAIGN_KEYS,
  CallType,
  Cause,
  DISPOSITION_KEY,
  findParty,
  isObserving,
  objectOf,
  ownComm,
  partyKind,
} from './engage.ts';
import { applyPartyState, reconcile } from './establish.ts';
import type { CallRec, ChainState, CommRec, PartyRec } from './model.ts';

const active = (chain: ChainState): boolean => chain.mode === 'pending' || chain.mode === 'live';
const isCampaign = (ud: KVList | undefined): boolean => CAMPAIGN_KEYS.some((k) => kvGet(ud, k) !== undefined);

/** The chain and call of an event by its CallUUID, else by its ConnID on this site. */
export function findCall(
  ctx: StepContext,
  uuid = callUuid(ctx.ev),
): { chain: ChainState; call: CallRec } | undefined {
  if (uuid !== undefined) {
    const chain = ctx.chainOf(`call:${uuid}`);
    const call = chain?.calls[uuid];
    return chain && call ? { chain, call } : undefined;
  }
  const cid = connId(ctx.ev);
  const chain = cid === undefined ? undefined : ctx.chainOf(`conn:${ctx.site}/${cid}`);
  const call = chain && Object.values(chain.calls).find((c) => c.connId === cid && c.site === ctx.site);
  return chain && call ? { chain, call } : undefined;
}

/** The chain and call of a call-monitoring event, unless unknown or already applied. */
function callOf(ctx: StepContext): { chain: ChainState; call: CallRec } | undefined {
  const { chain, call } = findCall(ctx) ?? {};
  if (!chain || !call) {
    ctx.note('ignored', 'unknown-call', `${ctx.ev.name} for a call the tracker did not see created`);
    return undefined;
  }
  return alreadySeen(ctx, chain) ? undefined : { chain, call };
}

export function onCallCreated(ctx: StepContext): void {
  const uuid = callUuid(ctx.ev);
  if (uuid === undefined) return;
  const known = ctx.chainOf(`call:${uuid}`);
  if (known) {
    alreadySeen(ctx, known);
    return;
  }
  const ud = userData(ctx.ev);
  const type = attrInt(ctx.ev, 'AttributeCallType') ?? CallType.Unknown;
  const call: CallRec = {
    uuid,
    connId: connId(ctx.ev) ?? '',
    site: ctx.site,
    type,
    role: 'main',
    order: [],
    parties: {},
  };
  const ani = attrString(ctx.ev, 'AttributeANI');
  const dnis = attrString(ctx.ev, 'AttributeDNIS');
  if (ani) call.ani = ani;
  if (dnis) call.dnis = dnis;
  const orig = attrString(ctx.ev, 'AttributeOrigCallUUID');
  const main = type === CallType.Consult && orig ? ctx.chainOf(`call:${orig}`) : undefined;
  if (main) {
    alreadySeen(ctx, main);
    call.role = 'consult';
    main.calls[uuid] = call;
    ctx.setAlias(`call:${uuid}`, main.key);
    if (!active(main)) return;
    if (main.calls[orig ?? '']?.role === 'consult' || main.consult)
      suspend(ctx, main, 'nested-consult', 'a consultation made out of a consultation');
    else main.consult = { call: uuid, initiator: '' };
    return;
  }
  const chain = newChain(ctx, uuid);
  chain.calls[uuid] = call;
  ctx.setAlias(`call:${uuid}`, uuid);
  if (call.connId) ctx.setAlias(`conn:${ctx.site}/${call.connId}`, uuid);
  alreadySeen(ctx, chain);
  if (isCampaign(ud)) notInjected(ctx, chain, 'asm-outbound', 'an outbound campaign call');
  else if (type === CallType.Internal)
    notInjected(ctx, chain, 'internal', 'an internal call between extensions');
}

export function onPartyAdded(ctx: StepContext): void {
  const found = callOf(ctx);
  const uuid = attrString(ctx.ev, 'AttributePartyUUID');
  if (!found || uuid === undefined || found.call.parties[uuid]) return;
  const { chain, call } = found;
  const p: PartyRec = {
    uuid,
    dn: attrString(ctx.ev, 'AttributeDN') ?? '',
    kind: partyKind(attrInt(ctx.ev, 'AttributePartyType')),
    state: attrInt(ctx.ev, 'AttributePartyState') ?? 0,
    status: 'pending',
  };
  const ctrl = attrString(ctx.ev, 'AttributeCtrlParty');
  const cause = attrInt(ctx.ev, 'AttributeCause');
  if (ctrl) p.ctrl = ctrl;
  if (cause !== undefined) p.cause = cause;
  call.parties[uuid] = p;
  call.order.push(uuid);
  if (call.role === 'consult' && chain.consult?.call === call.uuid && chain.consult.initiator === '')
    startConsult(chain, p);
  if (p.kind === 'extension') onExtensionJoined(ctx, chain, call, p);
  if (isObserving(p.state)) {
    p.status = 'skipped';
    suspend(ctx, chain, 'supervision', `extension ${p.dn} observes the call`);
  } else if (cause === Cause.Conference) {
    p.status = 'skipped';
    suspend(ctx, chain, 'conference', `extension ${p.dn} was conferenced in`);
  }
  if (cause === Cause.SingleStepTransfer) openTransfer(chain, p);
  reconcile(ctx, chain);
}

/** The consult call's first party is the consulting agent: the consult is about its main-call peer. */
function startConsult(chain: ChainState, p: PartyRec): void {
  const k = chain.consult;
  if (!k) return;
  const initiator = Object.values(chain.comms).find((c) => !c.ended && c.purpose === 'user' && c.dn === p.dn);
  const object = initiator ? objectOf(chain, initiator) : undefined;
  if (!initiator || !object) {
    delete chain.consult;
    return;
  }
  k.initiator = initiator.key;
  k.object = object.key;
}

/** An extension joins: the third concurrent call on an agent DN is ignored (seed 003). */
function onExtensionJoined(ctx: StepContext, chain: ChainState, call: CallRec, p: PartyRec): void {
  const d = ctx.dn(p.dn, call.site);
  const others = d.calls.filter((c) => c !== call.uuid && ctx.state.aliases[`call:${c}`] !== chain.key);
  const sameChain = d.calls.filter((c) => c !== call.uuid && ctx.state.aliases[`call:${c}`] === chain.key);
  if (others.length + sameChain.length >= 2) {
    p.status = 'skipped';
    if (chain.mode === 'pending')
      ignore(ctx, chain, 'third-call', `extension ${p.dn} already has two calls (main and consult)`);
    else
      ctx.note('ignored', 'third-call', `extension ${p.dn} already has two calls: party not injected`, chain);
  }
  if (!d.calls.includes(call.uuid)) d.calls.push(call.uuid);
}

function openTransfer(chain: ChainState, p: PartyRec): void {
  const from = ownComm(chain, findParty(chain, p.ctrl)?.party);
  const object = from ? objectOf(chain, from) : undefined;
  if (!from || !object || !active(chain)) return;
  chain.transfers[p.uuid] = {
    key: p.uuid,
    id: newTransferId(chain, p.uuid),
    from: from.key,
    object: object.key,
    target: p.uuid,
    targetKind: p.kind,
  };
}

export function onPartyState(ctx: StepContext): void {
  const found = callOf(ctx);
  const p = found?.call.parties[attrString(ctx.ev, 'AttributePartyUUID') ?? ''];
  if (!found || !p) return;
  const { chain } = found;
  p.state = attrInt(ctx.ev, 'AttributePartyState') ?? p.state;
  if (isObserving(p.state) && p.status !== 'skipped') {
    suspend(ctx, chain, 'supervision', `extension ${p.dn} observes the call`);
    return;
  }
  if (!active(chain)) return;
  applyPartyState(ctx, chain, p);
  reconcile(ctx, chain);
}

function leaveDn(ctx: StepContext, call: CallRec, p: PartyRec): void {
  if (p.kind !== 'extension') return;
  const stillThere = Object.values(call.parties).some((x) => x !== p && !x.gone && x.dn === p.dn);
  const d = ctx.peekDn(p.dn, call.site);
  if (!d || stillThere) return;
  ctx.dn(p.dn, call.site).calls = d.calls.filter((c) => c !== call.uuid);
}

/** How a transferring party's communication ends: by the kind of destination it sent the call to. */
function transferDisconnect(chain: ChainState, comm: CommRec): DisconnectType {
  const t = Object.values(chain.transfers).find((x) => x.from === comm.key);
  const dest = t?.dest ? chain.comms[t.dest] : undefined;
  const kind = dest?.purpose ?? t?.targetKind;
  if (kind === 'routing' || kind === 'rp') return 'TransferACD';
  if (kind === 'user' || kind === 'extension' || kind === 'trunk') return 'TransferUser';
  return 'Transfer';
}

function applyDisposition(ctx: StepContext, chain: ChainState, comm: CommRec): void {
  const d = chain.disposition;
  if (comm.purpose !== 'user' || !d || (d.dn !== undefined && d.dn !== comm.dn)) return;
  const code = ctx.dir.wrapupCodeByName(d.code);
  if (code) dispositionApplied(ctx, chain, comm, code.cloudId);
  else ctx.note('ignored', 'unmapped-disposition', `disposition "${d.code}" has no wrap-up code`, chain);
}

/** A party left the call: the communication it owns ends, with the disconnect type its cause implies. */
function partyLeft(
  ctx: StepContext,
  chain: ChainState,
  call: CallRec,
  p: PartyRec,
  cause: number | undefined,
): void {
  p.gone = true;
  leaveDn(ctx, call, p);
  if (p.status === 'pending' && p.kind === 'extension' && chain.mode === 'pending')
    chain.missed ??= 'no-agent-extension';
  const k = chain.consult;
  if (k && p.comm === k.initiator && ownComm(chain, p) === undefined) {
    // The consulting agent's consult leg: its cause says how the consultation ends.
    if (cause === Cause.Conference)
      suspend(ctx, chain, 'conference', `extension ${p.dn} completed a conference`);
    else if (cause !== Cause.Transfer) k.canceling = true;
    return;
  }
  const comm = ownComm(chain, p);
  if (!comm || comm.ended) return;
  if (chain.mode === 'suspended') ended(ctx, chain, comm, isPerson(comm) ? selfOrPeer(chain, comm) : 'Peer');
  else if (cause === Cause.SingleStepTransfer) ended(ctx, chain, comm, transferDisconnect(chain, comm));
  else if (cause === Cause.Transfer && k?.initiator === comm.key && k.dest) {
    consultEvent(ctx, chain, true);
    ended(ctx, chain, comm, 'TransferConsult');
    endConsult(ctx, chain);
  } else if (cause === Cause.NoAnswer) ended(ctx, chain, comm, 'System');
  else if (cause === Cause.Route) ended(ctx, chain, comm, 'TransferACD');
  else if (k?.dest === comm.key) {
    ended(ctx, chain, comm, k.canceling ? 'Peer' : selfOrPeer(chain, comm));
    endConsult(ctx, chain);
  } else ended(ctx, chain, comm, isPerson(comm) ? selfOrPeer(chain, comm) : 'Peer');
  if (comm.transfer) endTransfer(ctx, chain, comm.transfer, 'Failed');
  applyDisposition(ctx, chain, comm);
}

export function onPartyDeleted(ctx: StepContext): void {
  const found = callOf(ctx);
  const p = found?.call.parties[attrString(ctx.ev, 'AttributePartyUUID') ?? ''];
  if (!found || !p || p.gone) return;
  const { chain, call } = found;
  partyLeft(ctx, chain, call, p, attrInt(ctx.ev, 'AttributeCause'));
  endLoneParties(ctx, chain);
  reconcile(ctx, chain);
}

export function onPartyMoved(ctx: StepContext): void {
  const found = callOf(ctx);
  const uuid = attrString(ctx.ev, 'AttributePartyUUID') ?? '';
  const to = attrString(ctx.ev, 'AttributeNewCallUUID');
  const p = found?.call.parties[uuid];
  if (!found || !p || to === undefined) return;
  const { chain, call } = found;
  const target = ctx.chainOf(`call:${to}`);
  const toCall = target?.calls[to];
  if (!target || !toCall) return;
  delete call.parties[uuid];
  call.order = call.order.filter((u) => u !== uuid);
  toCall.parties[uuid] = p;
  toCall.order.push(uuid);
  if (p.kind === 'extension') {
    const d = ctx.dn(p.dn, toCall.site);
    d.calls = [...new Set(d.calls.map((c) => (c === call.uuid ? to : c)))];
  }
  if (target !== chain) {
    ctx.touchChain(target.key);
    if (p.comm)
      ctx.note('unrecognised', 'party-moved-across', `party ${p.dn} moved between conversations`, chain);
    p.status = 'skipped';
    return;
  }
  const people = Object.values(toCall.parties).filter(
    (x) => !x.gone && (x.kind === 'extension' || x.kind === 'external'),
  );
  if (people.length > 2 && active(chain))
    suspend(ctx, chain, 'conference', `${people.length} parties on one call`);
}

export function onCallDataChanged(ctx: StepContext): void {
  const found = callOf(ctx);
  if (!found) return;
  const { chain, call } = found;
  const ud = userData(ctx.ev);
  const code = kvString(ud, DISPOSITION_KEY);
  if (code !== undefined)
    chain.disposition = { code, ...(chain.disposition?.dn ? { dn: chain.disposition.dn } : {}) };
  if (isCampaign(ud) && chain.mode === 'pending')
    notInjected(ctx, chain, 'asm-outbound', 'an outbound campaign call');
  for (const [link] of attrList(ctx.ev, 'AttributeISLinkList') ?? []) joinLink(ctx, chain, call, link);
}

/** The calls of a multi-site call report one IS-Link each side: the leg's chain joins the home chain. */
function joinLink(ctx: StepContext, chain: ChainState, call: CallRec, link: string): void {
  const alias = `link:${link}`;
  const trunk = [...call.order].reverse().find((u) => call.parties[u]?.kind === 'trunk');
  const other = ctx.chainOf(alias);
  if (!other || other === chain) {
    ctx.setAlias(alias, chain.key);
    if (trunk) (call.links ??= {})[link] = trunk;
    return;
  }
  if (trunk) (call.links ??= {})[link] = trunk;
  const [home, leg] =
    other.commOrder.length === 0 && chain.commOrder.length > 0 ? [chain, other] : [other, chain];
  if (leg.commOrder.length > 0 || leg.mode !== 'pending') {
    ctx.note('unrecognised', 'link-after-injection', `IS-Link ${link} joins two injected calls`, chain);
    return;
  }
  mergeLeg(ctx, home, leg, link);
}

function mergeLeg(ctx: StepContext, home: ChainState, leg: ChainState, link: string): void {
  const via = Object.values(home.calls).find((c) => c.links?.[link])?.links?.[link];
  for (const c of Object.values(leg.calls)) {
    if (c.role === 'main') {
      c.role = 'leg';
      if (via) c.viaTrunk = via;
    }
    home.calls[c.uuid] = c;
  }
  // The leg lists every alias set to it (only setAlias sets one); scanning them all would cost a pass
  // over every live call's aliases per multi-site call.
  for (const alias of [...leg.aliases])
    if (ctx.state.aliases[alias] === leg.key) ctx.setAlias(alias, home.key);
  home.seen.push(...leg.seen);
  delete ctx.state.chains[leg.key];
  ctx.touchChain(leg.key);
  ctx.touchChain(home.key);
  reconcile(ctx, home);
}

export function onCallDeleted(ctx: StepContext): void {
  const found = callOf(ctx);
  if (!found) return;
  const { chain, call } = found;
  call.deleted = true;
  for (const p of Object.values(call.parties)) if (!p.gone) partyLeft(ctx, chain, call, p, undefined);
  if (chain.consult?.call === call.uuid) endConsult(ctx, chain);
  endLoneParties(ctx, chain);
  finishIfDone(ctx, chain);
}
