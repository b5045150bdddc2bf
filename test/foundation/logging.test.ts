import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadServiceConfig } from '../../src/core/config/service-config.ts';
import { ConfigError } from '../../src/core/errors.ts';
import { addSecret, createLogger, toPinoLevel } from '../../src/core/logger.ts';
import { until } from '../harness/index.ts';
import { CapturedLines } from './capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'exec-log-'));
const baseEnv = {
  EXEC_REDIS_HOST: 'r',
  EXEC_TENANT_ID: '1',
  EXAS_STAT_SERVER_PRIMARY_HOST: 'a',
  EXAS_STAT_SERVER_PRIMARY_PORT: '1',
  EXAS_STAT_SERVER_BACKUP_HOST: 'b',
  EXAS_STAT_SERVER_BACKUP_PORT: '2',
};

describe('logging', () => {
  it('maps the seed levels OFF … ALL', () => {
    assert.deepEqual(
      ['OFF', 'fatal', 'Error', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'].map((l) => toPinoLevel(l)),
      ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'trace'],
    );
  });

  it('writes JSON lines with the service, level label and message', async () => {
    const out = new CapturedLines();
    const log = await createLogger({ service: 'exas', destination: out });
    log.info({ agent: '1001' }, 'state changed');
    log.debug('not at info');
    const [line] = out.json();
    assert.equal(out.lines.length, 1);
    assert.equal(line?.service, 'exas');
    assert.equal(line?.level, 'info');
    assert.equal(line?.msg, 'state changed');
    assert.equal(line?.agent, '1001');
  });

  it('honours LOG_CONSOLE_LEVEL and <SERVICE>_LOG_LEVEL', async () => {
    const warnOnly = new CapturedLines();
    const a = await createLogger({ service: 'x', settings: { consoleLevel: 'WARN' }, destination: warnOnly });
    a.info('dropped');
    a.warn('kept');
    assert.deepEqual(
      warnOnly.json().map((l) => l.msg),
      ['kept'],
    );
    const svc = new CapturedLines();
    const b = await createLogger({
      service: 'x',
      settings: { consoleLevel: 'WARN', serviceLevel: 'DEBUG' },
      destination: svc,
    });
    b.debug('kept');
    assert.equal(svc.lines.length, 1);
    const off = new CapturedLines();
    const c = await createLogger({ service: 'x', settings: { consoleLevel: 'OFF' }, destination: off });
    c.fatal('nothing');
    assert.equal(off.lines.length, 0);
  });

  it('never lets a secret reach a log line: from the environment, from X_FILE, inside errors', async () => {
    writeFileSync(join(dir, 'secret'), 'Fil3-S3cret"quoted\n');
    const config = loadServiceConfig('exas', {
      env: {
        ...baseEnv,
        EXEC_REDIS_PASSWORD: 'env-s3cret-value',
        EXEC_GC_CLIENT_SECRET_FILE: join(dir, 'secret'),
        EXEC_API_TOKEN: 'tok-123456',
      },
    });
    const out = new CapturedLines();
    const log = await createLogger({
      service: 'exas',
      settings: config.log,
      secrets: config.secrets,
      destination: out,
    });
    log.info({ password: 'env-s3cret-value' }, 'connecting with env-s3cret-value');
    log.info({ nested: { deep: ['x', 'Fil3-S3cret"quoted'] } }, 'nested');
    log.error({ err: new Error('auth failed for client exec:Fil3-S3cret"quoted') }, 'login failed');
    log.warn({ url: `https://h/?token=${encodeURIComponent('tok-123456')}` }, 'url');
    log.info(`Authorization: Basic ${Buffer.from('env-s3cret-value').toString('base64')}`);
    const text = out.text();
    for (const secret of [
      'env-s3cret-value',
      'Fil3-S3cret',
      'tok-123456',
      Buffer.from('env-s3cret-value').toString('base64'),
    ]) {
      assert.ok(!text.includes(secret), `secret ${secret} leaked: ${text}`);
    }
    assert.equal(out.lines.length, 5);
    assert.ok(out.json().every((l) => typeof l.msg === 'string'));
    assert.match(text, /\[REDACTED\]/);
  });

  it('redacts a secret learned at run time, in the logger and every child', async () => {
    const out = new CapturedLines();
    const log = await createLogger({ service: 'excs', destination: out });
    const child = log.child({ component: 'cloud' });
    child.info('before: tx-client-secret-1');
    const redact = addSecret(log, 'tx-client-secret-1');
    child.info({ body: 'client_secret=tx-client-secret-1' }, 'after: tx-client-secret-1');
    log.child({ deeper: true }).child({}).warn('grandchild tx-client-secret-1');
    const lines = out.lines;
    assert.match(lines[0] ?? '', /before: tx-client-secret-1/, 'not a secret until added');
    assert.ok(!lines.slice(1).join('\n').includes('tx-client-secret-1'), lines.join('\n'));
    assert.equal(redact?.('error: tx-client-secret-1'), 'error: [REDACTED]');
  });

  it('keeps secrets out of configuration errors', () => {
    try {
      loadServiceConfig('exas', {
        env: {
          ...baseEnv,
          EXAS_PORT: 'hunter2-secret',
          EXEC_REDIS_PASSWORD: 'hunter2-secret',
          EXEC_REDIS_SECURE: 'maybe',
        },
      });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.ok(err.problems.some((p) => p.startsWith('EXEC_REDIS_SECURE:')));
      assert.ok(err.problems.some((p) => p.startsWith('EXAS_PORT: "[REDACTED]" is not a port number')));
      assert.ok(!err.message.includes('hunter2-secret'), err.message);
    }
  });

  it('writes a rotating file when file logging is on', async () => {
    const file = join(dir, 'rot', 'excs.log');
    const log = await createLogger({
      service: 'excs',
      settings: {
        consoleEnabled: false,
        fileEnabled: true,
        filePath: file,
        fileLevel: 'INFO',
        fileSize: '1K',
        maxBackupIndex: 3,
      },
      secrets: ['file-secret-xyz'],
    });
    for (let i = 0; i < 200; i++) log.info({ i, pad: 'x'.repeat(40) }, 'line with file-secret-xyz');
    log.flush();
    const read = () => readdirSync(join(dir, 'rot')).map((f) => readFileSync(join(dir, 'rot', f), 'utf8'));
    // The file stream writes in the background: wait until it has rotated and written redacted lines.
    await until('the log to rotate', () => {
      const texts = read();
      return texts.length >= 2 && texts.join('').includes('[REDACTED]');
    });
    const files = readdirSync(join(dir, 'rot'));
    assert.ok(files.length >= 2, `expected rotation, got ${files.join(',')}`);
    assert.ok(files.length <= 4, `expected at most 3 backups + current, got ${files.join(',')}`);
    const all = files.map((f) => readFileSync(join(dir, 'rot', f), 'utf8')).join('');
    assert.ok(!all.includes('file-secret-xyz'));
    assert.ok(all.includes('[REDACTED]'));
  });
});
