import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeEvent, makeRequest } from '../model/access.ts';
import type { TMessage } from '../model/types.ts';
import { decodeJsonLine, MAX_LINE_BYTES } from './decode.ts';
import { encodeJsonLine } from './encode.ts';
import type { TlibDecodeErrorCode } from './errors.ts';
import { parseOrderedJson } from './json-ordered.ts';

const QUEUED =
  '{"message":"EventQueued","AttributeConnID":"006c02462a161006","AttributeCallUUID":"AM5D3AE9D90757BKTSVJTCIAR4000014",' +
  '"AttributeThisDN":"VQ_Sales","AttributeEventSequenceNumber":17601152,"AttributeTimeinSecs":1439853303,' +
  '"AttributeTimeinuSecs":42100,"AttributeUserData":{"RStrategyName":"VQDemo","RRequestedSkills":{"Skill1":2}},' +
  '"AttributeExtensions":{"VQID":"N6NK"}}';

test('encodes events and requests in the DESIGN §6 form', () => {
  const rows: [TMessage, string][] = [
    [
      makeRequest('RequestRegisterAddress', { AttributeThisDN: '6001' }),
      '{"request":"RequestRegisterAddress","AttributeThisDN":"6001"}',
    ],
    [makeRequest('RequestStartCallMonitoring'), '{"request":"RequestStartCallMonitoring"}'],
    [
      makeEvent('EventQueued', {
        AttributeConnID: '006c02462a161006',
        AttributeCallUUID: 'AM5D3AE9D90757BKTSVJTCIAR4000014',
        AttributeThisDN: 'VQ_Sales',
        AttributeEventSequenceNumber: 17601152,
        AttributeTimeinSecs: 1439853303,
        AttributeTimeinuSecs: 42100,
        AttributeUserData: [
          ['RStrategyName', 'VQDemo'],
          ['RRequestedSkills', [['Skill1', 2]]],
        ],
        AttributeExtensions: [['VQID', 'N6NK']],
      }),
      QUEUED,
    ],
    [
      makeEvent(
        'EventACK',
        {},
        {
          server: 'sip1',
          source: 'a.log',
          line: 7,
          logTime: '16:45:25.1041',
          reconstructed: true,
          notes: ['(x)'],
        },
      ),
      '{"message":"EventACK","server":"sip1","source":"a.log","line":7,"logTime":"16:45:25.1041","reconstructed":true,"notes":["(x)"]}',
    ],
    [
      makeEvent('EventUserEvent', { AttributeUserData: [['quote"', 'line\nbreak']] }),
      '{"message":"EventUserEvent","AttributeUserData":{"quote\\"":"line\\nbreak"}}',
    ],
  ];
  for (const [msg, line] of rows) {
    assert.equal(encodeJsonLine(msg), line);
    const back = decodeJsonLine(line);
    assert.ok(back.ok, line);
    assert.deepEqual(back.message, msg);
  }
});

test('KV-list order and repeated keys survive, integer-like keys included', () => {
  const ev = makeEvent('EventUserEvent', {
    AttributeUserData: [
      ['z', 1],
      ['10', 'ten'],
      ['2', 'two'],
      ['z', 'again'],
      ['', ''],
    ],
  });
  const line = encodeJsonLine(ev);
  assert.equal(
    line,
    '{"message":"EventUserEvent","AttributeUserData":{"z":1,"10":"ten","2":"two","z":"again","":""}}',
  );
  const back = decodeJsonLine(line);
  assert.ok(back.ok);
  assert.deepEqual(back.message.attributes.AttributeUserData, ev.attributes.AttributeUserData);
});

test('decodes what a bridge may send: CRLF ends, server from context, unknown extra fields ignored', () => {
  const r = decodeJsonLine(QUEUED.slice(0, -1) + ',"bridgeVersion":"2"}\r\n', {
    server: 'sipA:8000',
    line: 4,
  });
  assert.ok(r.ok);
  assert.equal(r.message.server, 'sipA:8000');
  assert.equal(r.message.name, 'EventQueued');
  assert.equal(r.message.kind, 'event');
  assert.equal(Object.hasOwn(r.message, 'bridgeVersion'), false);
  const own = decodeJsonLine('{"message":"EventACK","server":"named"}', { server: 'ctx' });
  assert.ok(own.ok);
  assert.equal(own.message.server, 'named');
  const seqHex = decodeJsonLine('{"message":"EventACK","AttributeEventSequenceNumber":"ffffffffffffffff"}');
  assert.ok(seqHex.ok);
  assert.equal(seqHex.message.attributes.AttributeEventSequenceNumber, 'ffffffffffffffff');
});

const BAD: [string, string, TlibDecodeErrorCode, string?][] = [
  ['empty line', '', 'bad-json'],
  ['not JSON', 'EventQueued ConnID=1', 'bad-json'],
  ['cut-off JSON', QUEUED.slice(0, 60), 'bad-json'],
  ['trailing text', '{"message":"EventACK"} x', 'bad-json'],
  ['trailing comma', '{"message":"EventACK",}', 'bad-json'],
  ['single quotes', "{'message':'EventACK'}", 'bad-json'],
  ['bad escape', '{"message":"Event\\qACK"}', 'bad-json'],
  ['control char in string', '{"message":"Event\u0001ACK"}', 'bad-json'],
  [
    'nested too deep',
    '{"message":"EventUserEvent","AttributeUserData":' + '{"a":'.repeat(100) + '1' + '}'.repeat(101),
    'bad-json',
  ],
  ['an array', '[1,2]', 'not-an-object'],
  ['a string', '"EventQueued"', 'not-an-object'],
  ['no name', '{"AttributeThisDN":"6001"}', 'no-message-name'],
  ['name not a string', '{"message":57}', 'no-message-name'],
  ['two names', '{"message":"EventACK","request":"RequestQueryCall"}', 'no-message-name'],
  ['unknown event', '{"message":"EventFrobnicated"}', 'unknown-message'],
  [
    'request under message',
    '{"message":"RequestRouteCall","AttributeConnID":"006c02462a161006"}',
    'unknown-message',
  ],
  ['event under request', '{"request":"EventQueued"}', 'unknown-message'],
  [
    'EventQueued without ConnID',
    '{"message":"EventQueued","AttributeThisDN":"VQ"}',
    'missing-attribute',
    'AttributeConnID',
  ],
  ['EventRinging without ConnID', '{"message":"EventRinging"}', 'missing-attribute', 'AttributeConnID'],
  [
    'EventCallCreated without CallUUID',
    '{"message":"EventCallCreated","AttributeConnID":"006c02462a161006"}',
    'missing-attribute',
    'AttributeCallUUID',
  ],
  [
    'EventCallPartyState without CallUUID',
    '{"message":"EventCallPartyState"}',
    'missing-attribute',
    'AttributeCallUUID',
  ],
  [
    'RequestRouteCall without ConnID',
    '{"request":"RequestRouteCall"}',
    'missing-attribute',
    'AttributeConnID',
  ],
  [
    'ConnID too short',
    '{"message":"EventACK","AttributeConnID":"006c02462a16"}',
    'bad-attribute',
    'AttributeConnID',
  ],
  ['ConnID as number', '{"message":"EventACK","AttributeConnID":6}', 'bad-attribute', 'AttributeConnID'],
  [
    'ConnID not hex',
    '{"message":"EventACK","AttributeConnID":"006c02462a16100g"}',
    'bad-attribute',
    'AttributeConnID',
  ],
  [
    'CallType as string',
    '{"message":"EventACK","AttributeCallType":"2"}',
    'bad-attribute',
    'AttributeCallType',
  ],
  [
    'CallState fractional',
    '{"message":"EventACK","AttributeCallState":1.5}',
    'bad-attribute',
    'AttributeCallState',
  ],
  [
    'seq negative',
    '{"message":"EventACK","AttributeEventSequenceNumber":-1}',
    'bad-attribute',
    'AttributeEventSequenceNumber',
  ],
  [
    'UserData as string',
    '{"message":"EventACK","AttributeUserData":"x"}',
    'bad-attribute',
    'AttributeUserData',
  ],
  [
    'UserData value null',
    '{"message":"EventACK","AttributeUserData":{"a":null}}',
    'bad-attribute',
    'AttributeUserData',
  ],
  [
    'nested UserData value null',
    '{"message":"EventACK","AttributeUserData":{"skills":{"a":null}}}',
    'bad-attribute',
    'AttributeUserData',
  ],
  [
    'UserData value array',
    '{"message":"EventACK","AttributeUserData":{"a":[1]}}',
    'bad-attribute',
    'AttributeUserData',
  ],
  [
    'UserEvent unknown',
    '{"request":"RequestDistributeEvent","AttributeConnID":"006c02462a161006","AttributeUserEvent":"EventX"}',
    'bad-attribute',
    'AttributeUserEvent',
  ],
  ['ThisDN as number', '{"message":"EventACK","AttributeThisDN":6001}', 'bad-attribute', 'AttributeThisDN'],
  ['line not a number', '{"message":"EventACK","line":"7"}', 'bad-attribute', 'line'],
  ['reconstructed not boolean', '{"message":"EventACK","reconstructed":1}', 'bad-attribute', 'reconstructed'],
  ['notes not strings', '{"message":"EventACK","notes":[1]}', 'bad-attribute', 'notes'],
];

test('every kind of bad line is a typed error with its position, never a throw', () => {
  for (const [what, line, code, attribute] of BAD) {
    const r = decodeJsonLine(line, { server: 'sipA:8000', line: 12 });
    assert.equal(r.ok, false, what);
    if (r.ok) continue;
    assert.equal(r.error.code, code, what);
    assert.equal(r.error.server, 'sipA:8000', what);
    assert.equal(r.error.line, 12, what);
    assert.match(r.error.message, /^sipA:8000, line 12(, column \d+)?: /, what);
    if (attribute) assert.equal(r.error.attribute, attribute, what);
  }
});

test('a JSON syntax error names the column', () => {
  const r = decodeJsonLine('{"message":"EventACK" "x":1}');
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.column, 22);
    assert.match(r.error.message, /column 23/);
  }
});

test('a line over 1 MiB is refused before it is parsed; one just under is read', () => {
  const pad = (n: number): string =>
    `{"message":"EventUserEvent","AttributeUserData":{"blob":"${'x'.repeat(n)}"}}`;
  const over = pad(MAX_LINE_BYTES);
  const r = decodeJsonLine(over, { line: 3 });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error.code, 'line-too-long');
  const under = pad(MAX_LINE_BYTES - 100);
  assert.ok(decodeJsonLine(under).ok);
  // Multi-byte characters count as the bytes they take.
  const wide = `{"message":"EventUserEvent","AttributeUserData":{"blob":"${'é'.repeat(MAX_LINE_BYTES / 2 + 10)}"}}`;
  const w = decodeJsonLine(wide);
  assert.equal(w.ok, false);
  if (!w.ok) assert.equal(w.error.code, 'line-too-long');
});

test('the ordered JSON parser agrees with JSON.parse on valid JSON', () => {
  const rows = [
    '0',
    '-1.5e3',
    '"a\\u00e9\\"b"',
    'true',
    'false',
    'null',
    '[]',
    '{}',
    ' [1, {"a": [true, null]}] ',
    '"\\/\\b\\f\\n\\r\\t"',
  ];
  const plain = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(plain)
      : v && typeof v === 'object'
        ? Object.fromEntries((v as { members: [string, unknown][] }).members.map(([k, x]) => [k, plain(x)]))
        : v;
  for (const text of rows) {
    const r = parseOrderedJson(text);
    assert.ok(r.ok, text);
    if (r.ok) assert.deepEqual(plain(r.value), JSON.parse(text), text);
  }
  for (const text of ['', '{', '[1,]', '01', '1.', '"\\u12"', 'tru', '{"a" 1}', '{"a":1,,}', '"abc']) {
    const r = parseOrderedJson(text);
    assert.equal(r.ok, false, text);
  }
});
