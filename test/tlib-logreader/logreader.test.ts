// The log reader on text written the way SIP Server, T-Server and routing servers print T-Lib messages
// (test/fixtures/tlib/, after the reference's quotes of real logs), and one table row per attribute kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJsonLine } from '../../src/engage/tlib/codec/decode.ts';
import { encodeJsonLine } from '../../src/engage/tlib/codec/encode.ts';
import { MAX_KV_DEPTH } from '../../src/engage/tlib/logreader/block.ts';
import { readTlibLog } from '../../src/engage/tlib/logreader/reader.ts';
import type { TMessage, TValue } from '../../src/engage/tlib/model/types.ts';
import { readFixture } from './fixtures.ts';

const HEAD =
  '@16:45:03.0421 [0] 8.1.101.25 distribute_event: message EventRinging\n\tAttributeConnID\t006c02462a161006\n';

function one(text: string): TMessage {
  const r = readTlibLog(text);
  assert.deepEqual(r.errors, []);
  assert.equal(r.messages.length, 1);
  return r.messages[0] as TMessage;
}

const KINDS: [string, string, string, TValue][] = [
  ['quoted string', "\tAttributeThisDN\t'6001'", 'AttributeThisDN', '6001'],
  ['quoted string with spaces', "\tAttributeThisDN\t'VQ Sales 2'", 'AttributeThisDN', 'VQ Sales 2'],
  ['empty string', "\tAttributeDNIS\t''", 'AttributeDNIS', ''],
  ['string with a quote inside', "\tAttributeANI\t'O'Brien'", 'AttributeANI', "O'Brien"],
  [
    'hex ConnID',
    '\tAttributeTransferConnID\t006C02462A16100A',
    'AttributeTransferConnID',
    '006c02462a16100a',
  ],
  [
    'hex sequence number',
    '\tAttributeEventSequenceNumber\t00000000010c9288',
    'AttributeEventSequenceNumber',
    0x10c9288,
  ],
  [
    'huge sequence number stays hex',
    '\tAttributeEventSequenceNumber\tffffffffffffffff',
    'AttributeEventSequenceNumber',
    'ffffffffffffffff',
  ],
  [
    'time in seconds with its clock',
    '\tAttributeTimeinSecs\t1439853377 (23:16:17)',
    'AttributeTimeinSecs',
    1439853377,
  ],
  ['microseconds', '\tAttributeTimeinuSecs\t458658', 'AttributeTimeinuSecs', 458658],
  ['integer enum', '\tAttributeCallType\t2', 'AttributeCallType', 2],
  ['negative integer', '\tAttributeReferenceID\t-1', 'AttributeReferenceID', -1],
  ['large integer', '\tAttributeReferenceID\t4294967295', 'AttributeReferenceID', 4294967295],
  ['party state', '\tAttributePartyState\t10', 'AttributePartyState', 10],
  ['message name', '\tAttributeUserEvent\tEventDiverted', 'AttributeUserEvent', 'EventDiverted'],
  [
    'unquoted UUID',
    '\tAttributeCallUUID\tAM5D3AE9D90757BKTSVJTCIAR4000014',
    'AttributeCallUUID',
    'AM5D3AE9D90757BKTSVJTCIAR4000014',
  ],
  ['unknown attribute, number', '\tAttributeFutureThing\t12', 'AttributeFutureThing', 12],
  ['unknown attribute, text', "\tAttributeFutureThing\t'x y'", 'AttributeFutureThing', 'x y'],
  ['trailing blanks', "\tAttributeThisDN\t'6001'  \t", 'AttributeThisDN', '6001'],
  [
    'KV-list',
    "\tAttributeUserData\t[40] 00 02 00 00..\n\t\t'a'\t'1'\n\t\t'RTR'\t115",
    'AttributeUserData',
    [
      ['a', '1'],
      ['RTR', 115],
    ],
  ],
  [
    'KV-list, empty value and odd key',
    "\tAttributeUserData\t[40] 00 02 00 00..\n\t\t''\t''\n\t\t'PegAG?:Skill1 > 1'\t1",
    'AttributeUserData',
    [
      ['', ''],
      ['PegAG?:Skill1 > 1', 1],
    ],
  ],
  [
    'KV-list, repeated key',
    "\tAttributeExtensions\t[40] 00 02 00 00..\n\t\t'k'\t'1'\n\t\t'k'\t'2'",
    'AttributeExtensions',
    [
      ['k', '1'],
      ['k', '2'],
    ],
  ],
  [
    'nested list on its own line',
    "\tAttributeISLinkList\t[60] 00 01 00 00..\n\t\t'00c802462a16a001'\t(list)\n\t\t\t'loc'\t'SiteB'\n\t\t\t'n'\t2",
    'AttributeISLinkList',
    [
      [
        '00c802462a16a001',
        [
          ['loc', 'SiteB'],
          ['n', 2],
        ],
      ],
    ],
  ],
  [
    'nested list with its first pair inline, then back up',
    "\tAttributeUserData\t[90] 00 02 00 00..\n\t\t'RRequestedSkills'\t(list) 'Skill1'\t2\n\t\t\t\t'Sales'\t10\n\t\t'after'\t'x'",
    'AttributeUserData',
    [
      [
        'RRequestedSkills',
        [
          ['Skill1', 2],
          ['Sales', 10],
        ],
      ],
      ['after', 'x'],
    ],
  ],
  [
    'empty nested list, URS style',
    "\tAttributeUserData\t[90] 00 02 00 00..\n\t\t'RRequestedSkills'(list)\n\t\t'RTargetRequested'\t'?:Skill1 > 1'",
    'AttributeUserData',
    [
      ['RRequestedSkills', []],
      ['RTargetRequested', '?:Skill1 > 1'],
    ],
  ],
  [
    'two levels of nesting',
    "\tAttributeUserData\t[90] 00 01 00 00..\n\t\t'a'\t(list)\n\t\t\t'b'\t(list)\n\t\t\t\t'c'\t'deep'\n\t\t\t'd'\t4",
    'AttributeUserData',
    [
      [
        'a',
        [
          ['b', [['c', 'deep']]],
          ['d', 4],
        ],
      ],
    ],
  ],
  [
    'Reasons',
    "\tAttributeReason\t[14] 00 01 01 00..\n\t\t'ReasonCode'\t'Break'",
    'AttributeReason',
    [['ReasonCode', 'Break']],
  ],
];

test('every attribute kind, as SIP Server prints it', () => {
  for (const [what, lines, name, want] of KINDS) {
    const m = one(HEAD + lines + '\n');
    assert.deepEqual(m.attributes[name], want, what);
    // And the same with spaces where tabs were expected.
    const spaced = one((HEAD + lines + '\n').replace(/\t/g, '    '));
    assert.deepEqual(spaced.attributes[name], want, `${what} (spaces)`);
  }
});

const MALFORMED: [string, string, RegExp][] = [
  [
    'ConnID of 12 digits',
    '\tAttributeConnID\t006c02462a16',
    /AttributeConnID: "006c02462a16" is not a ConnID/,
  ],
  [
    'integer that is not one',
    '\tAttributeCallType\tinbound',
    /AttributeCallType: "inbound" is not an integer/,
  ],
  ['sequence number not hex', '\tAttributeEventSequenceNumber\t00zz', /not hex/],
  ['attribute without value', '\tAttributeThisDN', /without a value/],
  ['unterminated string', "\tAttributeThisDN\t'60", /unterminated string/],
  ['KV-list header missing', "\tAttributeUserData\t'x'", /expected a KV-list header/],
  ['pair outside a list', "\tAttributeThisDN\t'6001'\n\t\t'a'\t'b'", /pair outside a KV-list/],
  ['pair without value', "\tAttributeUserData\t[9] 00 01 00 00..\n\t\t'a'", /without a value/],
  ['unterminated pair value', "\tAttributeUserData\t[9] 00 01 00 00..\n\t\t'a'\t'b", /unterminated value/],
  [
    'KV-list cut off',
    "\tAttributeUserData\t[99] 00 03 00 00..\n\t\t'a'\t'1'",
    /cut off: AttributeUserData has 1 of the 3 pairs/,
  ],
  ['garbage line', '\t%%%% garbage', /not an attribute line/],
  ['unknown user event', '\tAttributeUserEvent\tEventNope', /is not a T-Lib message/],
];

test('each malformed block is reported once, with the line where it starts, and the next block still reads', () => {
  for (const [what, lines, problem] of MALFORMED) {
    const text = 'noise\n' + HEAD + lines + '\n' + HEAD.replace('EventRinging', 'EventEstablished');
    const r = readTlibLog(text);
    assert.equal(r.errors.length, 1, what);
    assert.equal(r.errors[0]?.line, 2, what);
    assert.match(r.errors[0]?.message ?? '', problem, what);
    assert.deepEqual(
      r.messages.map((m) => m.name),
      ['EventEstablished'],
      what,
    );
  }
});

test('the SIP Server own log: events, call-monitoring, a request after Trc 04541, BSYNC, free-text error lines', () => {
  const r = readFixture('sipserver-own.log');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.messages.map((m) => `${m.kind}:${m.name}@${m.line}`),
    [
      'event:EventRinging@11',
      'event:EventEstablished@35',
      'event:EventCallPartyState@45',
      'request:RequestQueryCall@58',
      'request:RequestSetCallInfo@62',
      'event:EventReleased@65',
      'event:EventACK@79',
      'event:EventError@84',
    ],
  );
  for (const m of r.messages) {
    assert.equal(m.server, 'SIPS_sg01_P'); // from the log's "Application name:" line
    assert.equal(m.source, 'sipserver-own.log');
    assert.equal(m.reconstructed, undefined);
  }
  const [ringing, , partyState] = r.messages;
  assert.equal(ringing?.logTime, '16:45:03.0421');
  assert.equal(ringing?.attributes.AttributeEventSequenceNumber, 0x10c9280);
  assert.equal(ringing?.attributes.AttributeConnID, '006c02462a161006');
  assert.deepEqual(ringing?.attributes.AttributeUserData, [
    ['RTargetAgentSelected', 'agent01'],
    [
      'RRequestedSkills',
      [
        ['Skill1', 2],
        ['Sales', 10],
      ],
    ],
    ['CallerName', ''],
  ]);
  assert.equal(partyState?.attributes.AttributePartyState, 12);
  const error = r.messages.at(-1);
  assert.deepEqual(error?.notes, ['(DN is not configured in CME)']);
  assert.equal(error?.attributes.AttributeTimeinSecs, 1439853377);
  assert.equal(error?.attributes.AttributeTimeinuSecs, 458658);
  // The SIP trace line "Subject: this message EventRinging is only text" is not a header.
  assert.equal(r.messages.filter((m) => m.name === 'EventRinging').length, 1);
});

test('client-side renderings of a routing server log come out reconstructed', () => {
  const r = readFixture('urs-client-side.log');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.messages.map((m) => `${m.kind}:${m.name}:${m.server}`),
    [
      'event:EventQueued:TServer',
      'event:EventDiverted:TServer',
      'event:EventAttachedDataChanged:SIPTS750',
      'event:EventAbandoned:TServer',
      'request:RequestRouteCall:TServer',
      'event:EventAgentNotReady:sipserver_01_p',
      'event:EventRouteRequest:SIPTS750',
    ],
  );
  for (const m of r.messages) assert.equal(m.reconstructed, true, m.name);
  const [queued, diverted] = r.messages;
  // The VQ event the server distributes: the request's attributes without the request-only ones.
  assert.equal(queued?.attributes.AttributeThisDN, 'VQ_Sales');
  assert.equal(queued?.attributes.AttributeUserEvent, undefined);
  assert.equal(queued?.attributes.AttributeTimeout, undefined);
  assert.equal(queued?.attributes.AttributeReferenceID, 4294967295);
  assert.equal(
    (queued?.attributes.AttributeExtensions as [string, string][]).find(([k]) => k === 'VQID')?.[1],
    'N6NKOJMDT16I93HFG6V041D9L0000001',
  );
  assert.equal(diverted?.attributes.AttributeThirdPartyDN, '6001');
  assert.deepEqual(diverted?.attributes.AttributeReason, [['RTR', 115]]);
  assert.equal((diverted?.attributes.AttributeUserData as unknown[]).length, 22);
});

test('spaces for tabs, unindented attribute lines and CRLF line ends', () => {
  const r = readFixture('spaces-crlf.log');
  assert.deepEqual(r.errors, []);
  assert.equal(r.messages.length, 2);
  const [queued, diverted] = r.messages;
  assert.deepEqual(queued?.attributes.AttributeUserData, [
    ['Segment', 'gold customer'],
    [
      'Skills',
      [
        ['English', 10],
        ['Billing', 5],
      ],
    ],
  ]);
  assert.equal(queued?.attributes.AttributeThisDN, 'VQ Support');
  assert.equal(diverted?.attributes.AttributeConnID, '006c02462a161009');
  assert.equal(diverted?.attributes.AttributeThirdPartyDN, '6002');
  for (const m of r.messages)
    for (const v of Object.values(m.attributes)) if (typeof v === 'string') assert.ok(!v.includes('\r'));
});

test('blocks cut off mid-way are reported with their line; the rest is read', () => {
  const r = readFixture('cut-off.log');
  assert.deepEqual(
    r.errors.map((e) => e.line),
    [1, 8, 11, 13, 20],
  );
  assert.match(r.errors[0]?.message ?? '', /EventRinging: cut off: AttributeUserData has 2 of the 5 pairs/);
  assert.match(r.errors[1]?.message ?? '', /EventEstablished: no AttributeConnID/);
  assert.match(r.errors[2]?.message ?? '', /unknown T-Lib message EventFrobnicated/);
  assert.match(r.errors[4]?.message ?? '', /EventReleased: line 23: .*unterminated/); // the file ends mid-line
  assert.deepEqual(
    r.messages.map((m) => m.name),
    ['EventRetrieved'],
  );
});

test('what the reader produces is valid JSON-link: encode → decode gives it back', () => {
  for (const f of [
    'sipserver-own.log',
    'urs-client-side.log',
    'spaces-crlf.log',
    'cut-off.log',
    'urs-flattened.log',
  ]) {
    for (const m of readFixture(f).messages) {
      const r = decodeJsonLine(encodeJsonLine(m));
      assert.ok(r.ok, `${f} ${m.name}: ${r.ok ? '' : r.error.message}`);
      assert.deepEqual(r.message, m);
    }
  }
});

test('lines that only look like headers are skipped', () => {
  const text = [
    '@16:45:24.5939 [0] 8.1.101.25 some text without a message',
    '@12:00:00.0000 [0] note: message of the day',
    '16:45:03.031: SIPTR: Received [0,UDP] 467 bytes from 10.51.34.110:5060 <<<<<',
    '2015-08-17T23:16:17.458 Int 04545 Interaction message "EventError" sent to 24 ("ICON_localdb")',
    '2015-08-17T23:16:17.458 Trc 04542 EventError sent to [24] (00000479 ICON_localdb 10.51.60.68:59022)',
    'message of the day',
    "\tAttributeThisDN\t'6001'",
    "'orphan'\t'pair'",
    'AttributeConnID 006c02462a161006',
    '',
  ].join('\n');
  assert.deepEqual(readTlibLog(text), { messages: [], errors: [] });
});

test('numbers in KV-lists stay text when a number would print differently', () => {
  const m = one(
    HEAD +
      "\tAttributeUserData\t[40] 00 04 00 00..\n\t\t'zip'\t007\n\t\t'neg'\t-0\n\t\t'big'\t12345678901234567890\n\t\t'n'\t-42\n\tAttributeCallID\t007\n",
  );
  assert.deepEqual(m.attributes.AttributeUserData, [
    ['zip', '007'],
    ['neg', '-0'],
    ['big', '12345678901234567890'],
    ['n', -42],
  ]);
  assert.equal(m.attributes.AttributeCallID, 7);
});

test('a rendering that lost all indentation (as web pages quote URS logs), and ISCC lines skipped', () => {
  const r = readFixture('urs-flattened.log');
  assert.deepEqual(r.errors, []);
  assert.equal(r.messages.length, 1);
  const diverted = r.messages[0];
  assert.equal(diverted?.name, 'EventDiverted');
  assert.equal(diverted?.reconstructed, true);
  assert.equal(diverted?.line, 2);
  assert.equal((diverted?.attributes.AttributeExtensions as unknown[]).length, 7);
  assert.deepEqual(diverted?.attributes.AttributeReason, [['RTR', 115]]);
  assert.deepEqual(diverted?.attributes.AttributeUserData, [
    ['RTargetAgentSelected', 'agent01'],
    ['RRequestedSkills', []],
    ['RTargetRequested', '?:Skill1 > 1'],
  ]);
  assert.equal(diverted?.attributes.AttributeConnID, '006c02462a161006');
});

test('a 55 KB line of nested KV-lists makes only its block malformed, at its line; nesting across lines too', () => {
  const deep = "'k'\t(list) ".repeat(5_500) + "'x'\t'1'";
  assert.ok(deep.length > 55_000);
  const block = (seq: number, extra: string): string =>
    `@10:00:00.000${seq} [0] 8.1.101.25 distribute_event: message EventRinging\n` +
    `\tAttributeEventSequenceNumber\t000000000000002${seq}\n\tAttributeConnID\t006c02462a16100a\n` +
    `\tAttributeThisDN\t'6003'\n${extra}`;
  const stairs = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i + 2)}'k${i}'\t(list)\n`).join('');
  const text =
    block(1, `\tAttributeUserData\t[300] 00 01 00 00..\n\t\t${deep}\n`) +
    block(2, `\tAttributeUserData\t[300] 00 01 00 00..\n${stairs}`) +
    block(3, `\tAttributeUserData\t[30] 00 01 00 00..\n\t\t'a'\t(list) 'b'\t(list) 'c'\t'1'\n`);
  const { messages, errors } = readTlibLog(text);
  assert.deepEqual(
    errors.map((e) => [e.line, e.message]),
    [
      [1, 'EventRinging: line 6: KV-list nested deeper than 63 levels'],
      [7, 'EventRinging: line 74: KV-list nested deeper than 63 levels'],
    ],
  );
  assert.equal(messages.length, 1);
  assert.deepEqual(messages[0]?.attributes.AttributeUserData, [['a', [['b', [['c', '1']]]]]]);
  assert.ok(encodeJsonLine(messages[0] as TMessage).length > 0);
});

test('KV-lists nest as deep as a JSON-link line can carry, and a message that deep goes through the codec', () => {
  // A message read must be one the link can send: found by the fuzz test, a list at level 64 with a
  // value inside was read but refused by the decoder (the line's object is depth 0).
  const nested = (levels: number): string =>
    `\tAttributeUserData\t[9] 00 01 00 00..\n\t\t${"'k'\t(list) ".repeat(levels - 1)}'x'\t'1'\n`;
  const deepest = one(HEAD + nested(MAX_KV_DEPTH));
  const back = decodeJsonLine(encodeJsonLine(deepest));
  assert.ok(back.ok, back.ok ? '' : back.error.message);
  assert.deepEqual(back.message.attributes.AttributeUserData, deepest.attributes.AttributeUserData);
  const { errors } = readTlibLog(HEAD + nested(MAX_KV_DEPTH + 1));
  assert.match(errors[0]?.message ?? '', /nested deeper than 63 levels/);
});

test('a KV-list header on an attribute that holds no KV-list makes the block malformed', () => {
  // Found by the fuzz test: `AttributeConnID [9] 00 01` was given out as a ConnID holding a list, which
  // the codec refuses.
  const { messages, errors } = readTlibLog(
    '@16:45:03.0421 [0] 8.1.101.25 distribute_event: message EventRinging\n\tAttributeConnID\t[9] 00 01\n',
  );
  assert.deepEqual(messages, []);
  assert.match(errors[0]?.message ?? '', /AttributeConnID holds no KV-list/);
  // An attribute the model does not know may still hold one, as the codec allows.
  const m = one(`${HEAD}\tAttributeSomethingNew\t[9] 00 01 00 00..\n\t\t'k'\t'v'\n`);
  assert.deepEqual(m.attributes.AttributeSomethingNew, [['k', 'v']]);
});
