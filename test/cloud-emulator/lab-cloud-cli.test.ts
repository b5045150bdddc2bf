// `exec-connector lab cloud`: starts the emulator, prints its URL and client id (never a given secret),
// serves the API with the given client, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { freePort, until } from '../harness/index.ts';

const BIN = new URL('../../bin/exec-connector.js', import.meta.url).pathname;

describe('exec-connector lab cloud', () => {
  it('runs the emulator until SIGTERM without echoing the secret', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        BIN,
        'lab',
        'cloud',
        '--port',
        String(port),
        '--client-id',
        'cli-client',
        '--client-secret',
        'cli-s3cret-value',
        '--rate-limit',
        'off',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until('the console line', () => out.includes('console:') || child.exitCode !== null, 30_000);
    assert.match(out, new RegExp(`Genesys Cloud emulator at http://127\\.0\\.0\\.1:${port}`));
    assert.match(out, /OAuth client id: cli-client/);
    assert.match(out, /rate limit: off/);
    assert.doesNotMatch(out, /cli-s3cret-value/);
    const token = await fetch(`http://127.0.0.1:${port}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('cli-client:cli-s3cret-value').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(token.status, 200);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(out, /emulator stopped/);
  });

  it('refuses a bad --rate-limit with a usage error', async () => {
    const child = spawn(process.execPath, [BIN, 'lab', 'cloud', '--rate-limit', 'lots'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 2);
    assert.match(err, /"lots" is not a rate limit/);
  });

  for (const [flag, value, message] of [
    ['--event-order', 'random', /"random" is not a valid event order \(expected strict or sorted\)/],
    ['--duplicate-events', 'keep', /"keep" is not a valid duplicate mode/],
    ['--consistency-delay', '-5', /"-5" is not a valid delay/],
  ] as const)
    it(`refuses a bad ${flag} with a usage error`, async () => {
      const child = spawn(process.execPath, [BIN, 'lab', 'cloud', flag, value], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      assert.equal(code, 2);
      assert.match(err, message);
    });
});
