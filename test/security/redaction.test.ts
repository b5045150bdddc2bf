// Issue 16 item 7: redaction replaces secrets only where they stand whole, and every log line stays valid
// JSON whatever the secret holds. (Secrets shorter than 8 characters are refused by the configuration:
// excs-start.test.ts; the redactor still copes with them when learned at run time.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/core/logger.ts';
import { createRedactor, REDACTED } from '../../src/core/redact.ts';
import { CapturedLines } from '../foundation/capture.ts';

describe('redaction where the secret stands whole', () => {
  const table: [string, string, string][] = [
    ['postgres', 'connected to postgresql://db as postgres', 'connected to postgresql://db as [REDACTED]'],
    ['postgres', 'password=postgres;', 'password=[REDACTED];'],
    ['postgres', 'mypostgres postgres_x xpostgres', 'mypostgres postgres_x xpostgres'],
    ['Fil3-S3cret"q', 'said Fil3-S3cret"q.', 'said [REDACTED].'],
    ['-dash-secret-', 'a-dash-secret-b', `a${REDACTED}b`],
    ['s3cr3t-valu3', 'línea\ns3cr3t-valu3', `línea\n${REDACTED}`],
  ];
  for (const [secret, text, want] of table) {
    it(`${JSON.stringify(secret)} in ${JSON.stringify(text)}`, () => {
      assert.equal(createRedactor([secret])(text), want);
    });
  }
});

describe('every log line stays valid JSON', () => {
  const hostileSecrets = [',', '"', '\\', ':', '{"a":1}', 'postgres', 'null', '1234567890', 'level'];
  for (const secret of hostileSecrets) {
    it(`secret ${JSON.stringify(secret)}`, async () => {
      const out = new CapturedLines();
      const log = await createLogger({ service: 'x', destination: out, secrets: [secret] });
      log.info({ n: 1234567890, s: `before ${secret} after`, [secret]: true, list: [1, 2] }, `m ${secret}\n`);
      log.error({ err: new Error(`failed with ${secret}`) }, 'boom');
      assert.equal(out.lines.length, 2);
      for (const line of out.lines) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        assert.equal(parsed.service, 'x', line);
      }
      const first = JSON.parse(out.lines[0] as string) as Record<string, unknown>;
      assert.equal(first.s, `before ${REDACTED} after`);
      assert.ok(!JSON.stringify(first).includes(`before ${secret}`), out.lines[0]);
    });
  }

  it('the password postgres does not turn postgresql into [REDACTED]ql', async () => {
    const out = new CapturedLines();
    const log = await createLogger({ service: 'x', destination: out, secrets: ['postgres'] });
    log.info({ dbType: 'postgresql', user: 'postgres' }, 'Config DB postgresql as postgres');
    const line = out.json()[0] as Record<string, unknown>;
    assert.equal(line.dbType, 'postgresql');
    assert.equal(line.user, REDACTED);
    assert.equal(line.msg, `Config DB postgresql as ${REDACTED}`);
  });
});
