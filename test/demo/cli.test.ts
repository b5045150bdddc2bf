// `exec-connector demo` refuses bad flags before starting anything, naming the flag; --help lists the
// demo's flags (--free-ports stays hidden).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';

const BIN = new URL('../../bin/exec-connector.js', import.meta.url).pathname;
const demo = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'demo', ...args], { encoding: 'utf8', timeout: 60_000 });

it('refuses out-of-range flags with one line naming each', () => {
  const r = demo('--agents', '0', '--caps', 'lots', '--status-every', '-1');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /--agents: .*>=1/);
  assert.match(r.stderr, /--caps: /);
  assert.match(r.stderr, /--status-every: /);
  assert.doesNotMatch(r.stdout, /cloud +http/);
});

it('lists its flags', () => {
  const r = demo('--help');
  assert.equal(r.status, 0, r.stderr);
  for (const flag of ['--agents', '--caps', '--no-changes', '--open', '--recordings', '--status-every'])
    assert.match(r.stdout, new RegExp(flag));
  assert.doesNotMatch(r.stdout, /--free-ports/);
});
