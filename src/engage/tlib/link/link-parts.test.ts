import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineKey, PairDeduplicator } from './dedup.ts';
import { LineReader } from './line-reader.ts';
import { parseServerList } from './servers.ts';

describe('parseServerList', () => {
  const ok: [string, unknown][] = [
    ['a:1/b:2', [{ primary: { host: 'a', port: 1 }, backup: { host: 'b', port: 2 } }]],
    ['a:1', [{ primary: { host: 'a', port: 1 } }]],
    [
      ' sip1:3000/sip2:3000 , sip3:3001/sip4:3001 ',
      [
        { primary: { host: 'sip1', port: 3000 }, backup: { host: 'sip2', port: 3000 } },
        { primary: { host: 'sip3', port: 3001 }, backup: { host: 'sip4', port: 3001 } },
      ],
    ],
    [
      '[::1]:8000/[::1]:8001',
      [{ primary: { host: '::1', port: 8000 }, backup: { host: '::1', port: 8001 } }],
    ],
  ];
  for (const [text, want] of ok) it(`reads "${text}"`, () => assert.deepEqual(parseServerList(text), want));
  const bad: [string, RegExp][] = [
    ['', /expected primary:port/],
    ['a:1/b', /entry 1: "b" is not host:port/],
    ['a:1/b:2,c:70000', /entry 2: "c:70000"/],
    ['a:1/b:2/c:3', /more than one "\/"/],
  ];
  for (const [text, want] of bad)
    it(`rejects "${text}"`, () => assert.throws(() => parseServerList(text), want));
});

describe('LineReader', () => {
  it('joins lines split across chunks and counts them', () => {
    const got: [string, number][] = [];
    const r = new LineReader(
      (l, n) => got.push([l, n]),
      () => assert.fail('no overflow'),
    );
    for (const c of ['{"a"', ':1}\n{"b":2}\n\n{"c"', ':3}\n']) r.push(c);
    assert.deepEqual(got, [
      ['{"a":1}', 1],
      ['{"b":2}', 2],
      ['{"c":3}', 4],
    ]);
  });
  it('cuts off an over-long line without waiting for its end, then goes on', () => {
    const got: string[] = [];
    const over: [number, number][] = [];
    const r = new LineReader(
      (l) => got.push(l),
      (n, bytes) => over.push([n, bytes]),
      100,
    );
    r.push('{"ok":1}\n' + 'x'.repeat(150));
    r.push('y'.repeat(50) + '\n{"ok":2}\n');
    assert.deepEqual(got, ['{"ok":1}', '{"ok":2}']);
    assert.deepEqual(over, [[2, 200]]);
  });
});

describe('PairDeduplicator', () => {
  it('passes each event once, whichever server sends it first', () => {
    const d = new PairDeduplicator();
    assert.equal(d.accept('k1', 0), true);
    assert.equal(d.accept('k1', 1), false);
    assert.equal(d.accept('k2', 1), true);
    assert.equal(d.accept('k2', 0), false);
  });
  it('keeps two distinct events that share a key', () => {
    const d = new PairDeduplicator();
    assert.deepEqual(
      [d.accept('k', 0), d.accept('k', 0), d.accept('k', 1), d.accept('k', 1), d.accept('k', 1)],
      [true, true, false, false, true],
    );
  });
  it('lets the other copy through after a rejected (malformed) one', () => {
    const d = new PairDeduplicator();
    assert.equal(d.accept('k', 0), true);
    d.reject('k', 0);
    assert.equal(d.accept('k', 1), true);
  });
  it('forgets the oldest keys past its window', () => {
    const d = new PairDeduplicator(2);
    d.accept('a', 0);
    d.accept('b', 0);
    d.accept('c', 0);
    assert.equal(d.size, 2);
    assert.equal(d.accept('a', 1), true);
  });
  it('keeps exactly its window over many keys, a re-learnt key forgotten only in its turn', () => {
    const d = new PairDeduplicator(100);
    for (let i = 0; i < 1000; i++) d.accept(`k${i}`, 0);
    assert.equal(d.size, 100);
    assert.equal(d.accept('k999', 1), false, 'recent keys are remembered');
    assert.equal(d.accept('k0', 1), true, 'old keys are forgotten');
    for (let i = 0; i < 99; i++) d.accept(`n${i}`, 0);
    assert.equal(d.accept('k0', 0), false, 'the re-learnt key is still there');
  });
});

describe('lineKey', () => {
  it('ignores the sequence number and reads the identity', () => {
    const a =
      '{"message":"EventQueued","AttributeEventSequenceNumber":5,"AttributeConnID":"006c02462a161006","AttributeThisDN":"VQ_1","AttributeTimeinSecs":10,"AttributeTimeinuSecs":7}';
    const b = a.replace('":5,', '":912,');
    assert.equal(lineKey(a)?.key, lineKey(b)?.key);
    assert.equal(lineKey(a)?.name, 'EventQueued');
    assert.notEqual(lineKey(a)?.key, lineKey(a.replace('"VQ_1"', '"VQ_2"'))?.key);
    assert.notEqual(lineKey(a)?.key, lineKey(a.replace(':7}', ':8}'))?.key);
    assert.equal(lineKey(a.replaceAll('":', '" : '))?.key, lineKey(a)?.key, 'whitespace does not change it');
    // A digest, not slices of the line: the window keeps keys for minutes, and a slice keeps its line.
    const long = a.replace('}', `,"AttributeUserData":{"pad":"${'x'.repeat(4000)}"}}`);
    assert.equal(lineKey(long)?.key, lineKey(a)?.key);
    assert.ok(lineKey(long)!.key.length <= 28);
  });
});
