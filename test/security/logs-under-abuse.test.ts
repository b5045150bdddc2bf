// Issue 16 item 7: logs stay useful under abuse. Repeated warnings are counted past a few per window
// (one small helper, used by the Stat Server and T-Lib links); names with control characters are
// printed as escapes by `tlib convert` (and `plan`, `preflight`: terminalSafe).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { createLogger } from '../../src/core/logger.ts';
import { limitedWarn, RepeatCounter } from '../../src/core/repeat-limiter.ts';
import { terminalSafe } from '../../src/core/terminal-text.ts';
import { CapturedLines } from '../foundation/capture.ts';

describe('RepeatCounter', () => {
  it('logs the first few of a kind per window and counts the rest', () => {
    const c = new RepeatCounter(1000, 3);
    const verdicts = Array.from({ length: 10 }, (_, i) => c.note('bad', i).log);
    assert.deepEqual(verdicts, [true, true, true, false, false, false, false, false, false, false]);
    assert.equal(c.note('other', 10).log, true, 'kinds are apart');
    assert.deepEqual(c.due(500), []);
    assert.deepEqual(c.due(1000), [{ kind: 'bad', suppressed: 7 }]);
    assert.equal(c.note('bad', 1001).log, true, 'a new window logs again');
    assert.equal(c.seen.get('bad'), 11);
  });
});

describe('limitedWarn', () => {
  it('50,000 bad lines write a handful of warnings and one count, and lose none of the count', async () => {
    const out = new CapturedLines();
    const logger = await createLogger({ service: 'x', destination: out });
    let now = 0;
    const warn = limitedWarn(logger, { windowMs: 60_000, burst: 5, now: () => now });
    for (let i = 0; i < 50_000; i++) {
      now = i / 25; // 50,000 lines in 2 s
      warn('malformed:primary', { line: `garbage ${i}` }, 'malformed Stat Server message skipped');
    }
    warn.flush();
    const lines = out.json();
    assert.equal(lines.length, 6);
    assert.equal(lines.at(-1)?.suppressed, 49_995);
    assert.match(String(lines.at(-1)?.msg), /49995 more not logged in the last 60 s/);
    assert.equal(warn.seen.get('malformed:primary'), 50_000);
  });
});

describe('control characters reach the terminal as escapes', () => {
  const table: [string, string][] = [
    ['Agent\u001b[31mRed', 'Agent\\u001b[31mRed'],
    ['two\nlines', 'two\\nlines'.replace('\\n', '\\u000a')],
    ['del\u007f c1\u009b bidi\u202e', 'del\\u007f c1\\u009b bidi\\u202e'],
    ['plain café ü', 'plain café ü'],
  ];
  for (const [raw, want] of table) {
    it(JSON.stringify(raw), () => assert.equal(terminalSafe(raw), want));
  }

  it('tlib convert escapes them on stdout (still JSON) and on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-ctl-'));
    const file = join(dir, 'hostile.log');
    writeFileSync(
      file,
      [
        '@16:45:03.0421 [0] 8.1.101.25 distribute_event: message EventRinging',
        '\tAttributeEventSequenceNumber\t00000000010c9280',
        '\tAttributeConnID\t006c02462a161006',
        "\tAttributeThisDN\t'6001\u001b]0;owned\u0007\u009b2J\u202e'",
        '\tAttributeTimeinSecs\t1439853303 (16:45:03)',
        '\tAttributeTimeinuSecs\t42100',
        '@16:45:04.0000 [0] 8.1.101.25 distribute_event: message EventRinging',
        '\tAttributeConnID\tnot-hex\u009b2J\u202e\u007f',
        '',
      ].join('\n'),
    );
    const out: string[] = [];
    const err: string[] = [];
    await main(['tlib', 'convert', file], { out: (l) => out.push(l), err: (l) => err.push(l) });
    const text = out.join('\n') + err.join('\n');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    const first = out.join('\n').split('\n')[0] as string;
    const msg = JSON.parse(first) as Record<string, unknown>;
    assert.equal(msg.AttributeThisDN, '6001\u001b]0;owned\u0007\u009b2J\u202e', 'the value itself is kept');
    assert.equal(err.length, 1, err.join('\n'));
    assert.match(err[0] as string, /:7: .*AttributeConnID: "not-hex\\u009b2J\\u202e\\u007f" is not a ConnID/);
  });
});
