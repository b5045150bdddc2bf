// Events on registered DNs: the VQs (EventQueued as URS distributes it: the queue of the conversation)
// and the agents' extensions (EventUserEvent's participant list and agent events: who is logged in
// where, and the disposition an agent attaches).
import {
  attrString,
  callUuid,
  extensions,
  kvGet,
  kvString,
  thisDn,
  userData,
  type KVList,
} from '../../../engage/tlib/index.ts';
import { alreadySeen } from './chains.ts';
import { consultEvent, ended, establish, liveOf, progressTransfer, startTransfer } from './comms.ts';
import type { StepContext } from './context.ts';
import { DISPOSITION_KEY } from './engage.ts';
import { reconcile } from './establish.ts';
import { findCall } from './calls.ts';
import type { ChainState } from './model.ts';

// A VQ link can lag the call-monitoring link by a whole call: once EventCallDeleted has ended the chain,
// a late EventQueued must not open a routing communication that nothing would ever end.
const active = (chain: ChainState): boolean =>
  chain.endedMs === undefined && (chain.mode === 'pending' || chain.mode === 'live');

/** URS queued the call on a VQ: the conversation gets (or moves to) that queue's routing communication. */
export function onQueued(ctx: StepContext): void {
  const vq = thisDn(ctx.ev);
  const uuid = callUuid(ctx.ev) ?? kvString(extensions(ctx.ev), 'CallUUID');
  const found = findCall(ctx, uuid);
  if (!vq || !found) {
    ctx.note(
      'ignored',
      'unknown-call',
      `${ctx.ev.name} on ${vq ?? '?'} for a call the tracker does not know`,
    );
    return;
  }
  const { chain, call } = found;
  if (alreadySeen(ctx, chain)) return;
  if (!active(chain)) {
    if (chain.endedMs !== undefined)
      ctx.note('ignored', 'late-event', `${ctx.ev.name} on ${vq} came after the call ended`, chain);
    return;
  }
  const queue = ctx.dir.queueByDn(vq, ctx.site);
  if (!queue) {
    ctx.note('ignored', 'unmapped-vq', `VQ ${vq} is not mapped to a queue`, chain);
    return;
  }
  const current = liveOf(chain, 'routing');
  if (current?.queueId === queue.cloudId) return; // queued again on the same VQ (after a ring-no-answer)
  const key = `vq:${ctx.identity}`;
  const consult = call.role === 'consult' ? chain.consult : undefined;
  if (consult && !consult.dest) {
    const comm = establish(ctx, chain, {
      purpose: 'routing',
      key,
      queueId: queue.cloudId,
      invitedBy: chain.comms[consult.initiator],
      alerting: false,
      inbound: false,
    });
    consult.dest = comm.key;
    consultEvent(ctx, chain, false);
    return;
  }
  const t = Object.values(chain.transfers).find((x) => !x.dest && !x.done && x.targetKind === 'rp');
  const from = t ? chain.comms[t.from] : undefined;
  const object = t ? chain.comms[t.object] : undefined;
  if (t && from && object) {
    const comm = establish(ctx, chain, {
      purpose: 'routing',
      key,
      queueId: queue.cloudId,
      invitedBy: from,
      alerting: false,
      inbound: true,
    });
    startTransfer(ctx, chain, t.key, comm, from, object);
    progressTransfer(ctx, chain, t.key);
    return;
  }
  const ivr = liveOf(chain, 'ivr');
  const inviter = current ?? ivr ?? liveOf(chain, 'external');
  if (!inviter) return;
  establish(ctx, chain, {
    purpose: 'routing',
    key,
    queueId: queue.cloudId,
    invitedBy: inviter,
    alerting: false,
    inbound: true,
  });
  if (current) ended(ctx, chain, current, 'TransferACD');
  else if (ivr) ended(ctx, chain, ivr, 'TransferACD');
}

/** EventUserEvent `CallParticipants`: who is on the call, with the agent on each extension. */
export function onUserEvent(ctx: StepContext): void {
  const ud = userData(ctx.ev);
  if (kvString(ud, 'EventName') !== 'CallParticipants') return;
  const uuid = kvString(ud, 'CallUUID') ?? callUuid(ctx.ev);
  const found = findCall(ctx, uuid);
  const list = kvGet(ud, 'Participants');
  if (!found || !Array.isArray(list)) return;
  const { chain } = found;
  if (alreadySeen(ctx, chain)) return;
  for (const [partyUuid, info] of list)
    learnParticipant(ctx, chain, partyUuid, Array.isArray(info) ? info : []);
  reconcile(ctx, chain);
}

function learnParticipant(ctx: StepContext, chain: ChainState, partyUuid: string, info: KVList): void {
  const employeeId = kvString(info, 'EmployeeID');
  const login = kvString(info, 'AgentID');
  const dn = kvString(info, 'DN');
  // The DN learns its agent even when the call-monitoring event adding the party has not come yet.
  if (dn && (employeeId || login)) {
    const d = ctx.dn(dn);
    if (employeeId) d.employeeId = employeeId;
    if (login) d.login = login;
  }
  const p = Object.values(chain.calls).find((c) => c.parties[partyUuid])?.parties[partyUuid];
  if (!p || p.kind !== 'extension') return;
  if (employeeId) p.employeeId = employeeId;
  else if (login) p.login = login;
  else p.noAgent = true;
}

const LOGIN_EVENTS = new Set(['EventAgentLogin', 'EventAgentReady', 'EventAgentNotReady']);

/** Any other event on an agent's extension: who is logged in there, and a disposition being attached. */
export function onExtensionEvent(ctx: StepContext): void {
  const dn = thisDn(ctx.ev);
  if (!dn) return;
  const login = attrString(ctx.ev, 'AttributeAgentID');
  if (ctx.ev.name === 'EventAgentLogout') {
    const d = ctx.peekDn(dn);
    if (d) {
      delete d.login;
      delete d.employeeId;
      ctx.dn(dn);
    }
    return;
  }
  if (login && LOGIN_EVENTS.has(ctx.ev.name)) {
    const d = ctx.dn(dn);
    if (d.login !== login) {
      d.login = login;
      delete d.employeeId;
    }
    return;
  }
  const found = findCall(ctx);
  if (!found) return;
  const { chain, call } = found;
  if (alreadySeen(ctx, chain)) return;
  const code = kvString(userData(ctx.ev), DISPOSITION_KEY);
  if (ctx.ev.name === 'EventAttachedDataChanged' && code !== undefined) chain.disposition = { code, dn };
  const p = Object.values(call.parties).find((x) => x.dn === dn && !x.gone && x.kind === 'extension');
  if (p && login && !p.employeeId) p.login = login;
  else if (p && !login && ctx.ev.name === 'EventRinging' && !ctx.peekDn(dn, call.site)?.login)
    p.noAgent = true;
  reconcile(ctx, chain);
}
