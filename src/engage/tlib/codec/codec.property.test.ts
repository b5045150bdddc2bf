// Property and fuzz tests of the JSON-link codec: encode → decode is the identity for any message, and
// no input (random, or a valid line mutated) makes the decoder throw or hang; each bad one is reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allAttributeNames, attributeKind, isKnownAttribute } from '../model/attributes.ts';
import { allMessageNames, isEventName } from '../model/messages.ts';
import type { KVList, TMessage, TValue } from '../model/types.ts';
import { decodeJsonLine, decodeJsonLineViaTree } from './decode.ts';
import { encodeJsonLine } from './encode.ts';
import { requiredAttributes } from './rules.ts';

const hex16 = fc
  .array(fc.constantFrom(...'0123456789abcdef'), { minLength: 16, maxLength: 16 })
  .map((a) => a.join(''));
const text = fc.string({ unit: 'binary', maxLength: 24 });

const { list: kvList } = fc.letrec<{ list: KVList; value: TValue }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.maxSafeInteger(), tie('list')),
  list: fc.array(fc.tuple(text, tie('value')), { maxLength: 5 }) as fc.Arbitrary<KVList>,
}));

const known = allAttributeNames();
const events = allMessageNames().filter(isEventName);

function valueOf(name: string): fc.Arbitrary<TValue> {
  switch (attributeKind(name)) {
    case 'connid':
      return hex16;
    case 'int':
      return fc.maxSafeInteger();
    case 'seq':
      return fc.oneof(fc.nat({ max: Number.MAX_SAFE_INTEGER }), hex16);
    case 'kvlist':
      return kvList;
    case 'message':
      return fc.constantFrom(...events);
    case 'string':
      return isKnownAttribute(name) ? text : fc.oneof(text, fc.maxSafeInteger(), kvList);
  }
}

const attribute: fc.Arbitrary<[string, TValue]> = fc
  .oneof(
    fc.constantFrom(...known),
    fc.stringMatching(/^Attribute[A-Za-z0-9_]{1,10}$/).filter((n) => !isKnownAttribute(n)),
  )
  .chain((name) => valueOf(name).map((v): [string, TValue] => [name, v]));

const message: fc.Arbitrary<TMessage> = fc
  .record(
    {
      name: fc.constantFrom(...allMessageNames()),
      attrs: fc.uniqueArray(attribute, { selector: (a) => a[0], maxLength: 12 }),
      server: text,
      source: text,
      line: fc.nat(),
      logTime: text,
      reconstructed: fc.boolean(),
      notes: fc.array(text, { maxLength: 2 }),
      connId: hex16,
      callUuid: text,
    },
    { requiredKeys: ['name', 'attrs', 'connId', 'callUuid'] },
  )
  .map((r) => {
    const attributes: Record<string, TValue> = Object.fromEntries(r.attrs);
    for (const a of requiredAttributes(r.name))
      attributes[a] ??= a === 'AttributeConnID' ? r.connId : r.callUuid;
    const m: TMessage = { kind: r.name.startsWith('Event') ? 'event' : 'request', name: r.name, attributes };
    for (const k of ['server', 'source', 'line', 'logTime', 'reconstructed', 'notes'] as const)
      if (r[k] !== undefined) (m as unknown as Record<string, unknown>)[k] = r[k];
    return m;
  });

test('encode → decode is the identity for any message', () => {
  fc.assert(
    fc.property(message, (m) => {
      const line = encodeJsonLine(m);
      assert.equal(line.includes('\n'), false);
      const r = decodeJsonLine(line);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.deepEqual(r.message, m);
    }),
    { numRuns: 2000 },
  );
});

function wellFormed(line: string): boolean {
  const r = decodeJsonLine(line, { server: 'fuzz', line: 1 });
  if (r.ok) {
    // What is accepted must survive its own round trip.
    const again = decodeJsonLine(encodeJsonLine(r.message));
    assert.ok(again.ok);
    return true;
  }
  assert.equal(typeof r.error.code, 'string');
  assert.ok(r.error.message.startsWith('fuzz, line 1'));
  return false;
}

test('fuzz: random lines never throw; each is accepted or reported', { timeout: 60_000 }, () => {
  let reported = 0;
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      ),
      (line) => {
        if (!wellFormed(line)) reported++;
      },
    ),
    { numRuns: 6000 },
  );
  assert.ok(reported > 5000, `only ${reported} of 6000 random lines were reported as bad`);
});

test(
  'fuzz: mutated valid lines never throw; truncated ones and ones without their ConnID are reported',
  { timeout: 60_000 },
  () => {
    const mutation = fc.record({
      m: message,
      at: fc.nat(),
      ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
      op: fc.constantFrom('truncate', 'insert', 'delete', 'replace'),
    });
    fc.assert(
      fc.property(mutation, ({ m, at, ch, op }) => {
        const line = encodeJsonLine(m);
        const i = at % line.length;
        const mutated =
          op === 'truncate'
            ? line.slice(0, i)
            : op === 'insert'
              ? line.slice(0, i) + ch + line.slice(i)
              : op === 'delete'
                ? line.slice(0, i) + line.slice(i + 1)
                : line.slice(0, i) + ch + line.slice(i + ch.length);
        const ok = wellFormed(mutated);
        if (op === 'truncate') assert.equal(ok, false, 'a truncated line must be reported');
      }),
      { numRuns: 4000 },
    );
    fc.assert(
      fc.property(message, (m) => {
        const req = requiredAttributes(m.name);
        if (req.length === 0) return;
        const attributes = { ...m.attributes };
        delete attributes[req[0] as string];
        const r = decodeJsonLine(encodeJsonLine({ ...m, attributes }));
        assert.equal(r.ok, false);
        if (!r.ok) assert.equal(r.error.code, 'missing-attribute');
      }),
      { numRuns: 1000 },
    );
  },
);

test('the one-pass decoder answers as the tree decoder for any line, accepted or not', () => {
  const mutated = fc
    .record({ m: message, at: fc.nat(), ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) })
    .map(({ m, at, ch }) => {
      const line = encodeJsonLine(m);
      const i = at % line.length;
      return line.slice(0, i) + ch + line.slice(i + 1);
    });
  // Lines that nearly fit: repeated names and attributes, values of the wrong type, spacing, nesting.
  const edits = fc.constantFrom(
    (l: string) => l.replace('{', '{"message":"EventRinging",'),
    (l: string) => l.replace('{', '{"AttributeThisDN":"1",'),
    (l: string) => l.replace('{', '{"AttributeThisDN":{"a":1},'),
    (l: string) => l.replace('{', '{"AttributeUserData":{"a":[1]},'),
    (l: string) => l.replace('{', '{"AttributeUserData":{"a":{"b":true}},'),
    (l: string) => l.replace('{', '{"AttributeX":null,'),
    (l: string) => l.replace('{', '{"line":1.5,'),
    (l: string) => l.replace('{', '{"notes":["a",1],'),
    (l: string) => l.replace('{', '{"extra":[{"deep":[1,2,{"x":null}]}],'),
    (l: string) => l.replaceAll(':', ' : ').replaceAll(',', ' ,\t'),
    (l: string) => `${l} x`,
    (l: string) => l.replace('{', `{"AttributeUserData":${'{"k":'.repeat(70)}1${'}'.repeat(70)},`),
    (l: string) => l.replace('{', `{"AttributeUserData":${'{"k":'.repeat(62)}1${'}'.repeat(62)},`),
    // An empty list at the deepest level allowed, and one level deeper.
    (l: string) => l.replace('{', `{"AttributeUserData":${'{"k":'.repeat(63)}{}${'}'.repeat(63)},`),
    (l: string) => l.replace('{', `{"AttributeUserData":${'{"k":'.repeat(64)}{}${'}'.repeat(64)},`),
  );
  const edited = fc.tuple(message, edits).map(([m, edit]) => edit(encodeJsonLine(m)));
  fc.assert(
    fc.property(
      fc.oneof(
        message.map((m) => encodeJsonLine(m)),
        mutated,
        edited,
        fc.json(),
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
      (line) => {
        const ctx = { server: 'diff', line: 7 };
        assert.deepEqual(decodeJsonLine(line, ctx), decodeJsonLineViaTree(line, ctx));
      },
    ),
    { numRuns: 6000 },
  );
});
