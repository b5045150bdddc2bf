// The reader is fed in chunks as a file is read or tailed: wherever a chunk ends (mid-line, mid-CRLF,
// mid-character, mid-block), the result is the same as reading the whole text at once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  MAX_LINE_CHARS,
  readTlibLog,
  TlibLogReader,
  type LogReadError,
} from '../../src/engage/tlib/logreader/reader.ts';
import type { TMessage } from '../../src/engage/tlib/model/types.ts';
import { fixturePath } from './fixtures.ts';

const FIXTURES = [
  'sipserver-own.log',
  'urs-client-side.log',
  'spaces-crlf.log',
  'cut-off.log',
  'urs-flattened.log',
];

function inPieces(bytes: Buffer, cuts: number[]): { messages: TMessage[]; errors: LogReadError[] } {
  const messages: TMessage[] = [];
  const errors: LogReadError[] = [];
  const r = new TlibLogReader({ message: (m) => messages.push(m), error: (e) => errors.push(e) });
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    r.push(bytes.subarray(from, c));
    from = c;
  }
  r.push(bytes.subarray(from));
  r.end();
  return { messages, errors };
}

test('any single split point gives the same messages and errors as the whole file', () => {
  for (const f of FIXTURES) {
    const bytes = readFileSync(fixturePath(f));
    const whole = readTlibLog(bytes.toString('utf8'));
    for (let i = 0; i <= bytes.length; i++)
      assert.deepEqual(inPieces(bytes, [i]), whole, `${f} split at ${i}`);
  }
});

test('any set of split points gives the same result', () => {
  for (const f of FIXTURES) {
    const bytes = readFileSync(fixturePath(f));
    const whole = readTlibLog(bytes.toString('utf8'));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        assert.deepEqual(inPieces(bytes, cuts), whole);
      }),
      { numRuns: 200 },
    );
  }
});

test('a multi-byte character cut between two chunks is read whole', () => {
  const text =
    "@10:00:00.0001 [0] 8.1 distribute_event: message EventUserEvent\n\tAttributeUserData\t[9] 00 01 00 00..\n\t\t'name'\t'Zoë € 😀'\n";
  const bytes = Buffer.from(text, 'utf8');
  const at = bytes.indexOf(Buffer.from('€')) + 1;
  const { messages } = inPieces(bytes, [at, at + 1, bytes.indexOf(Buffer.from('😀')) + 2]);
  assert.deepEqual(messages[0]?.attributes.AttributeUserData, [['name', 'Zoë € 😀']]);
});

test('a log still being written: a block is given out once the next line shows it has ended', () => {
  const got: string[] = [];
  const errors: LogReadError[] = [];
  const r = new TlibLogReader({ message: (m) => got.push(m.name), error: (e) => errors.push(e) });
  r.push(
    "@10:00:00.0001 [0] 8.1 distribute_event: message EventRinging\r\n\tAttributeConnID\t006c02462a161006\r\n\tAttributeThisDN\t'60",
  );
  assert.deepEqual(got, []); // the last line is partial, the block may go on
  r.push("01'\r\n");
  assert.deepEqual(got, []); // still open: more attributes may follow
  r.push(
    '@10:00:01.0001 [0] 8.1 distribute_event: message EventEstablished\r\n\tAttributeConnID\t006c02462a161006\r\n',
  );
  assert.deepEqual(got, ['EventRinging']);
  r.flush(); // a tail that has gone quiet finishes the open block
  assert.deepEqual(got, ['EventRinging', 'EventEstablished']);
  r.push("\tAttributeThisDN\t'6001'\n"); // an attribute line after a flush belongs to no block: skipped
  r.end();
  assert.deepEqual(got, ['EventRinging', 'EventEstablished']);
  assert.deepEqual(errors, []);
  assert.equal(r.lines, 6);
});

test('line numbers count LF and CRLF alike, and a last line without a newline', () => {
  const text = 'a\r\nb\n\r\n@10:00:00.0001 [0] 8.1 f: message EventACK\r\n\tAttributeReferenceID\t1';
  const { messages } = readTlibLog(text);
  assert.equal(messages[0]?.line, 4);
  assert.equal(messages[0]?.attributes.AttributeReferenceID, 1);
});

test('an overlong line is dropped: at column 0 it ends a block, indented it makes the block malformed', () => {
  const messages: TMessage[] = [];
  const errors: LogReadError[] = [];
  const r = new TlibLogReader({ message: (m) => messages.push(m), error: (e) => errors.push(e) });
  const header =
    '@10:00:00.0001 [0] 8.1 distribute_event: message EventRinging\n\tAttributeConnID\t006c02462a161006\n';
  r.push(header);
  const piece = 'x'.repeat(64 * 1024);
  for (let i = 0; i < 40; i++) r.push(piece); // 2.5 MB of one line at column 0, no newline yet
  r.push('\n' + header + '\t');
  for (let i = 0; i < 40; i++) r.push(piece); // the same, indented, inside the second block
  r.push("\n\tAttributeThisDN\t'6001'\n" + header);
  r.end();
  assert.deepEqual(
    messages.map((m) => m.line),
    [1, 8],
  );
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.line, 4);
  assert.match(errors[0]?.message ?? '', /line 6: longer than/);
  assert.equal(r.lines, 9);
});

test('a long text without any line end is never held past the line limit and ends as one dropped line', () => {
  // What keeps reading it linear: each push handles only the new text, never a growing partial line.
  const r = new TlibLogReader({
    message: () => assert.fail('no message'),
    error: () => assert.fail('no error'),
  });
  const piece = 'y'.repeat(256 * 1024);
  let most = 0;
  for (let i = 0; i < 64; i++) {
    r.push(piece);
    most = Math.max(most, r.heldChars);
  }
  assert.ok(most > 0, 'the start of the line was held');
  assert.ok(most <= MAX_LINE_CHARS, `held ${most} characters`);
  assert.equal(r.heldChars, 0, 'dropped once past the limit');
  r.end();
  assert.equal(r.lines, 1);
});

test('a big chunk with multi-byte characters across its 64 KiB decoding pieces reads as the text does', () => {
  let text = '';
  for (let i = 0; text.length < 300_000; i++)
    text += `@10:00:00.0001 [0] 8.1 f: message EventUserEvent\n\tAttributeUserData\t[9] 00 01 00 00..\n\t\t'k${i}'\t'${'é€😀'.repeat(i % 7)}x'\n`;
  const bytes = Buffer.from(text, 'utf8');
  const whole = readTlibLog(text);
  assert.ok(whole.messages.length > 2000);
  assert.deepEqual(inPieces(bytes, []), whole);
  assert.deepEqual(inPieces(bytes, [65_537, 200_001]), whole);
});
