// Fuzz: random log text and mutated real-looking log text never make the reader throw or hang; what it
// gives out is valid JSON-link, and a block known to be broken (pairs missing, cut off) is reported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeJsonLine } from '../../src/engage/tlib/codec/decode.ts';
import { encodeJsonLine } from '../../src/engage/tlib/codec/encode.ts';
import { readTlibLog } from '../../src/engage/tlib/logreader/reader.ts';
import { fixturePath } from './fixtures.ts';

const TOKENS = [
  '\n@16:45:03.0421 [0] 8.1.101.25 distribute_event: message EventACK\n',
  '\n@16:45:03.0421 [0] 8.1.101.25 distribute_event: message EventRinging\n',
  '\nrequest to 65200(TServer) message RequestDistributeEvent\n',
  '\tAttributeConnID\t006c02462a161006\n',
  '\tAttributeUserData\t[9] 00 02 00 00..\n',
  "\t\t'k'\t'v'\n",
  "\t\t'n'\t(list) 'a'\t1\n",
  // Nesting past the reader's limit, on one line and down the indentation (issue 16: deep input).
  `\t\t${"'k'\t(list) ".repeat(100)}'x'\t1\n`,
  "\t\t\t\t\t\t\t\t\t\t\t\t'd'\t(list)\n",
  '\tAttributeUserEvent\tEventQueued\n',
  '\n',
  '\r\n',
  '\t',
  '\t\t',
  '    ',
  ' ',
  "'",
  "''",
  '@',
  '@16:45:03.0421 [0] 8.1.101.25 distribute_event: ',
  'message ',
  'EventRinging',
  'EventQueued',
  'EventFoo',
  'RequestDistributeEvent',
  'request to 65200(TServer) ',
  'received from 65200(SIPTS750)host:7007(fd=) ',
  'Trc 04541 ',
  'Int 04543 Interaction message "',
  '"',
  'AttributeConnID',
  'AttributeUserData',
  'AttributeThisDN',
  'AttributeUserEvent',
  'AttributeTimeinSecs',
  'AttributeEventSequenceNumber',
  '006c02462a161006',
  '00000000010c9288',
  '1439853377 (23:16:17)',
  '[561] 00 14 00 00..',
  '[9] 00 01',
  '(list)',
  "'key'",
  "'value'",
  '115',
  '(DN is not configured in CME)',
  'é',
  '\u0000',
  'Application name: X',
];

function checkOutput(text: string): { messages: number; errors: number } {
  const lines = text.split('\n').length;
  const r = readTlibLog(text);
  for (const e of r.errors) {
    assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, `error line ${e.line} of ${lines}`);
    assert.ok(e.message.length > 0);
  }
  for (const m of r.messages) {
    const back = decodeJsonLine(encodeJsonLine(m));
    assert.ok(back.ok, back.ok ? '' : back.error.message);
  }
  return { messages: r.messages.length, errors: r.errors.length };
}

test('fuzz: 5,000 random log texts', { timeout: 60_000 }, () => {
  let messages = 0;
  let errors = 0;
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 80 }),
      (parts) => {
        const r = checkOutput(parts.join(''));
        messages += r.messages;
        errors += r.errors;
      },
    ),
    { numRuns: 5000 },
  );
  // The alphabet makes both outcomes common: the fuzz really reaches the block reader.
  assert.ok(messages > 100, `messages ${messages}`);
  assert.ok(errors > 100, `errors ${errors}`);
});

test('fuzz: 5,000 mutations of the fixture logs', { timeout: 60_000 }, () => {
  const texts = [
    'sipserver-own.log',
    'urs-client-side.log',
    'spaces-crlf.log',
    'cut-off.log',
    'urs-flattened.log',
  ].map((f) => readFileSync(fixturePath(f), 'utf8'));
  const mutation = fc.record({
    which: fc.nat({ max: texts.length - 1 }),
    edits: fc.array(
      fc.record({
        op: fc.constantFrom(
          'delete-line',
          'duplicate-line',
          'truncate',
          'insert',
          'tabs-to-spaces',
          'drop-char',
        ),
        at: fc.nat(),
        token: fc.constantFrom(...TOKENS),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });
  fc.assert(
    fc.property(mutation, ({ which, edits }) => {
      let text = texts[which] as string;
      for (const { op, at, token } of edits) {
        const lines = text.split('\n');
        const li = at % Math.max(lines.length, 1);
        const ci = at % Math.max(text.length, 1);
        if (op === 'delete-line') lines.splice(li, 1);
        else if (op === 'duplicate-line') lines.splice(li, 0, lines[li] ?? '');
        if (op === 'delete-line' || op === 'duplicate-line') text = lines.join('\n');
        else if (op === 'truncate') text = text.slice(0, ci);
        else if (op === 'insert') text = text.slice(0, ci) + token + text.slice(ci);
        else if (op === 'tabs-to-spaces') text = text.replace(/\t/g, '  ');
        else text = text.slice(0, ci) + text.slice(ci + 1);
      }
      checkOutput(text);
    }),
    { numRuns: 5000 },
  );
});

function block(
  pairs: number,
  header = '@16:45:03.0421 [0] 8.1.101.25 distribute_event: message EventRinging',
): string[] {
  const lines = [
    header,
    '\tAttributeConnID\t006c02462a161006',
    `\tAttributeUserData\t[${pairs * 20}] 00 ${pairs.toString(16).padStart(2, '0')} 00 00..`,
  ];
  for (let i = 0; i < pairs; i++) lines.push(`\t\t'key${i}'\t'value ${i}'`);
  lines.push("\tAttributeThisDN\t'6001'");
  return lines;
}

test(
  'fuzz: a block with pairs removed or cut off anywhere in its list is reported at its header line',
  { timeout: 60_000 },
  () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (pairs, at, remove, before, cut) => {
          const lines = [...Array.from({ length: before }, (_, i) => `noise line ${i}`), ...block(pairs)];
          const first = before + 3;
          const k = at % pairs;
          const i = first + k;
          const removed = Math.min(remove, pairs - k);
          let text: string;
          if (cut) {
            // The log ends inside the list (a file still being written when it was copied).
            text =
              lines.slice(0, i).join('\n') +
              '\n' +
              (lines[i] as string).slice(0, at % (lines[i] as string).length);
          } else {
            lines.splice(i, removed);
            text = lines.join('\n') + '\n' + block(1).join('\n');
          }
          const r = readTlibLog(text);
          assert.equal(r.errors.length, 1, text);
          assert.equal(r.errors[0]?.line, before + 1);
          if (!cut)
            assert.deepEqual(
              r.messages.map((m) => m.line),
              [before + 4 + pairs - removed + 1],
            );
        },
      ),
      { numRuns: 2000 },
    );
  },
);
