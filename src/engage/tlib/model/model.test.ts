import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attr,
  attrInt,
  attrList,
  attrString,
  callUuid,
  connId,
  eventTime,
  eventTimeMicros,
  extensions,
  kvFromObject,
  kvGet,
  kvPath,
  kvString,
  makeEvent,
  reasons,
  sequenceNumber,
  thisDn,
  userData,
} from './access.ts';
import {
  allAttributeNames,
  attributeId,
  attributeKind,
  attributeName,
  isKnownAttribute,
} from './attributes.ts';
import {
  decodePartyState,
  enumName,
  PartyStateMask,
  TAgentWorkMode,
  TCallState,
  TCallType,
  TDNRole,
  TPartyState,
} from './enums.ts';
import { allMessageNames, isEventName, isRequestName, messageId, messageName } from './messages.ts';

// The ids the reference (§1.1) states, each one a row.
const MESSAGE_IDS: [string, number][] = [
  ['RequestDistributeUserEvent', 48],
  ['RequestDistributeEvent', 49],
  ['EventQueued', 57],
  ['EventDiverted', 58],
  ['EventAbandoned', 59],
  ['EventRinging', 60],
  ['EventDialing', 61],
  ['EventNetworkReached', 62],
  ['EventDestinationBusy', 63],
  ['EventEstablished', 64],
  ['EventReleased', 65],
  ['EventHeld', 66],
  ['EventRetrieved', 67],
  ['EventPartyChanged', 68],
  ['EventPartyAdded', 69],
  ['EventPartyDeleted', 70],
  ['EventRouteRequest', 71],
  ['EventRouteUsed', 72],
  ['EventAgentLogin', 73],
  ['EventAgentLogout', 74],
  ['EventAgentReady', 75],
  ['EventAgentNotReady', 76],
  ['EventAttachedDataChanged', 85],
  ['EventOnHook', 87],
  ['EventUserEvent', 96],
  ['EventAgentAfterCallWork', 118],
  ['EventPrimaryChanged', 133],
  ['EventACK', 138],
  ['EventPrivateInfo', 150],
  ['EventCallCreated', 160],
  ['EventCallDataChanged', 161],
  ['EventCallDeleted', 162],
  ['EventCallPartyAdded', 163],
  ['EventCallPartyState', 164],
  ['EventCallPartyMoved', 165],
  ['EventCallPartyDeleted', 166],
  ['RequestStartCallMonitoring', 167],
  ['RequestStopCallMonitoring', 168],
  ['RequestAttachUserData', 30],
  ['RequestRegisterAddress', 3],
  ['EventError', 52],
  ['EventServerInfo', 93],
  ['EventLinkConnected', 95],
];

test('message names and ids match the reference, both ways', () => {
  for (const [name, id] of MESSAGE_IDS) {
    assert.equal(messageId(name), id, name);
    assert.equal(messageName(id), name, String(id));
  }
  assert.equal(messageId('EventNoSuchThing'), undefined);
  assert.equal(messageName(155), undefined); // reserved
  assert.equal(messageName(-1), undefined);
  assert.equal(messageName(9999), undefined);
});

test('every message name is an event or a request, never both', () => {
  const names = allMessageNames();
  assert.ok(names.length > 150);
  for (const n of names) assert.notEqual(isEventName(n), isRequestName(n), n);
  assert.equal(isEventName('RequestRouteCall'), false);
  assert.equal(isRequestName('EventQueued'), false);
});

const ATTRIBUTE_IDS: [string, number][] = [
  ['AttributeConnID', 9],
  ['AttributePreviousConnID', 10],
  ['AttributeTransferConnID', 11],
  ['AttributeConferenceConnID', 12],
  ['AttributeCallState', 13],
  ['AttributeAgentID', 14],
  ['AttributeAgentWorkMode', 16],
  ['AttributeReason', 17],
  ['AttributeDNIS', 18],
  ['AttributeANI', 19],
  ['AttributeThisDN', 20],
  ['AttributeThisQueue', 21],
  ['AttributeThisTrunk', 22],
  ['AttributeThisDNRole', 23],
  ['AttributeOtherDN', 24],
  ['AttributeOtherQueue', 25],
  ['AttributeOtherDNRole', 27],
  ['AttributeThirdPartyDN', 28],
  ['AttributeThirdPartyQueue', 29],
  ['AttributeThirdPartyDNRole', 31],
  ['AttributeErrorCode', 46],
  ['AttributeUserData', 51],
  ['AttributeExtensions', 53],
  ['AttributeCallType', 54],
  ['AttributeUserEvent', 58],
  ['AttributeLocation', 69],
  ['AttributeLastTransferHomeLocation', 79],
  ['AttributeLastTransferOrigDN', 80],
  ['AttributeTimeinSecs', 86],
  ['AttributeTimeinuSecs', 87],
  ['AttributePlace', 92],
  ['AttributeCause', 114],
  ['AttributeDN', 115],
  ['AttributeDialedNumber', 116],
  ['AttributePartyID', 122],
  ['AttributePartyType', 123],
  ['AttributePartyState', 124],
  ['AttributeRefParty', 125],
  ['AttributeCtrlParty', 126],
  ['AttributeRemoteLoc', 127],
  ['AttributeRemoteParty', 128],
  ['AttributeCallUUID', 141],
  ['AttributeNewCallUUID', 142],
  ['AttributeOrigCallUUID', 143],
  ['AttributeRefCallUUID', 144],
  ['AttributePartyUUID', 145],
  ['AttributeISLinkList', 146],
  ['AttributeServerStartTime', 147],
  ['AttributeEventSequenceNumber', 148],
];

test('attribute names and ids match the reference, both ways', () => {
  for (const [name, id] of ATTRIBUTE_IDS) {
    assert.equal(attributeId(name), id, name);
    assert.equal(attributeName(id), name, String(id));
  }
  assert.equal(attributeId('AttributeNope'), undefined);
  assert.equal(attributeName(149), undefined);
  assert.ok(isKnownAttribute('AttributeReasons'));
  assert.ok(allAttributeNames().includes('AttributeCustomerID'));
});

test('attribute kinds decide how values are read', () => {
  const rows: [string, string][] = [
    ['AttributeConnID', 'connid'],
    ['AttributeTransferConnID', 'connid'],
    ['AttributePreviousConnID', 'connid'],
    ['AttributeEventSequenceNumber', 'seq'],
    ['AttributeTimeinSecs', 'int'],
    ['AttributeCallType', 'int'],
    ['AttributePartyState', 'int'],
    ['AttributeUserData', 'kvlist'],
    ['AttributeExtensions', 'kvlist'],
    ['AttributeReason', 'kvlist'],
    ['AttributeISLinkList', 'kvlist'],
    ['AttributeUserEvent', 'message'],
    ['AttributeThisDN', 'string'],
    ['AttributeCallUUID', 'string'],
    ['AttributeSomethingNew', 'string'],
  ];
  for (const [name, kind] of rows) assert.equal(attributeKind(name), kind, name);
});

test('enumerations carry the header values', () => {
  const rows: [Record<string, number>, string, number][] = [
    [TCallType, 'Unknown', 0],
    [TCallType, 'Inbound', 2],
    [TCallType, 'Consult', 4],
    [TDNRole, 'Origination', 1],
    [TDNRole, 'Destination', 2],
    [TDNRole, 'TransferredBy', 7],
    [TDNRole, 'Observer', 10],
    [TCallState, 'Transferred', 1],
    [TCallState, 'Cleared', 19],
    [TCallState, 'Abandoned', 21],
    [TCallState, 'Redirected', 22],
    [TCallState, 'Bridged', 31],
    [TCallState, 'Deafened', 49],
    [TCallState, 'Held', 50],
    [TAgentWorkMode, 'AfterCallWork', 3],
    [TAgentWorkMode, 'ReturnBack', 7],
  ];
  for (const [e, name, value] of rows) {
    assert.equal(e[name], value, name);
    assert.equal(enumName(e, value), name);
  }
  assert.equal(enumName(TCallType, 99), undefined);
});

test('PartyState decodes field by field through its masks', () => {
  assert.deepEqual(PartyStateMask, {
    Telephony: 0xf,
    Supplementary: 0xf0,
    Routing: 0xf00,
    Modifiers: 0xf0000,
  });
  const rows: [number, Partial<ReturnType<typeof decodePartyState>>][] = [
    [0, { telephony: undefined, supplementary: undefined, routing: undefined, dialing: false }],
    [TPartyState.Alerting, { telephony: 'Alerting' }],
    [TPartyState.Connected, { telephony: 'Connected' }],
    [TPartyState.Held, { telephony: 'Held' }],
    [TPartyState.Queued | TPartyState.Routing, { telephony: 'Queued', routing: 'Routing' }],
    [
      TPartyState.Connected | TPartyState.SvcObserving,
      { telephony: 'Connected', supplementary: 'SvcObserving' },
    ],
    [
      TPartyState.Initiated | TPartyState.Dialing,
      { telephony: 'Initiated', dialing: true, uncertain: false },
    ],
    [TPartyState.Connected | TPartyState.Uncertain, { telephony: 'Connected', uncertain: true }],
    [0x5, { telephony: '0x5' }],
  ];
  for (const [value, want] of rows) {
    const got = decodePartyState(value);
    for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof typeof got], v, `${value} ${k}`);
  }
});

test('accessors read what is there and never throw on what is not', () => {
  const ev = makeEvent('EventRinging', {
    AttributeConnID: '006c02462a161006',
    AttributeCallUUID: 'AM5D',
    AttributeThisDN: '6001',
    AttributeEventSequenceNumber: 17601152,
    AttributeTimeinSecs: 1439853303,
    AttributeTimeinuSecs: 42100,
    AttributeUserData: kvFromObject({ a: '1', n: 2, skills: { Sales: 10 } }),
    AttributeExtensions: [['k', 'v']],
    AttributeReason: [['ReasonCode', 'Break']],
  });
  assert.equal(connId(ev), '006c02462a161006');
  assert.equal(callUuid(ev), 'AM5D');
  assert.equal(thisDn(ev), '6001');
  assert.equal(sequenceNumber(ev), 17601152);
  assert.deepEqual(eventTime(ev), { secs: 1439853303, usecs: 42100 });
  assert.equal(eventTimeMicros(ev), 1439853303042100);
  assert.equal(kvString(userData(ev), 'a'), '1');
  assert.equal(kvString(userData(ev), 'n'), '2');
  assert.equal(kvPath(userData(ev), 'skills', 'Sales'), 10);
  assert.deepEqual(extensions(ev), [['k', 'v']]);
  assert.equal(kvGet(reasons(ev), 'ReasonCode'), 'Break');

  const empty = makeEvent('EventRinging', {});
  for (const f of [
    connId,
    callUuid,
    thisDn,
    sequenceNumber,
    eventTime,
    eventTimeMicros,
    userData,
    extensions,
    reasons,
  ])
    assert.equal(f(empty), undefined);
  assert.equal(kvGet(undefined, 'a'), undefined);
  assert.equal(kvPath(userData(ev), 'a', 'deeper'), undefined);
  assert.equal(kvPath(undefined, 'x'), undefined);
  // Wrong types read as absent.
  assert.equal(attrString(ev, 'AttributeEventSequenceNumber'), undefined);
  assert.equal(attrInt(ev, 'AttributeThisDN'), undefined);
  assert.equal(attrList(ev, 'AttributeThisDN'), undefined);
  // Names that are properties of every object are not attributes.
  assert.equal(attr(empty, 'constructor'), undefined);
  assert.equal(attr(empty, '__proto__'), undefined);
  assert.deepEqual(eventTime(makeEvent('EventACK', { AttributeTimeinSecs: 5 })), { secs: 5, usecs: 0 });
});

test('KV-lists keep order and repeated keys; kvGet finds the first', () => {
  const list = kvFromObject({ '2': 'b', '1': 'a' });
  list.push(['1', 'again']);
  assert.equal(kvGet(list, '1'), 'a');
  assert.equal(list.length, 3);
});
