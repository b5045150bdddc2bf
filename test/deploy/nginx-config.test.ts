// `exec-connector nginx-config`: the load balancer files from a .env, written where asked, or every
// problem of the .env named, exit 1.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';

async function cli(args: string[]) {
  const io = { out: [] as string[], err: [] as string[] };
  const code = await main(args, {
    out: (l: string) => io.out.push(l),
    err: (l: string) => io.err.push(l),
  });
  return { code, ...io };
}

describe('exec-connector nginx-config', () => {
  it('writes nginx.conf and nginx-upstreams.conf for the .env, saying what sits behind which port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-nginx-config-'));
    try {
      writeFileSync(
        join(dir, '.env'),
        'EXCP_1_VM_HOST_PAIR=vm1,vm2\nEXCP_1_PORT=3650\nEXRP_VM_HOST_LIST=vm3,vm4\nEXRP_PORT=8080\nEXCP_RECORDING_PROCESSOR_PROXY_PORT=8070\n',
      );
      const r = await cli(['nginx-config', '--env-file', join(dir, '.env'), '--out', join(dir, 'lb')]);
      assert.equal(r.code, 0, r.err.join('\n'));
      assert.deepEqual(r.out, [
        'excp: port 3660 → vm1:3650, vm2:3650',
        'exrp: port 8070 → vm3:8080, vm4:8080',
        `wrote nginx.conf, nginx-upstreams.conf to ${join(dir, 'lb')}`,
      ]);
      assert.match(
        readFileSync(join(dir, 'lb', 'nginx-upstreams.conf'), 'utf8'),
        /server vm4:8080 max_fails=0;/,
      );
      assert.match(readFileSync(join(dir, 'lb', 'nginx.conf'), 'utf8'), /listen 3660;/);
      const printed = await cli(['nginx-config', '--env-file', join(dir, '.env'), '--excp-port', '3650']);
      assert.equal(printed.code, 0);
      assert.match(
        printed.out.join('\n'),
        /# ---- nginx\.conf[\s\S]*listen 3650;[\s\S]*# ---- nginx-upstreams\.conf/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the problems of the .env and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-nginx-config-'));
    try {
      writeFileSync(join(dir, '.env'), 'EXCP_1_VM_HOST_PAIR=vm1\nEXRP_VM_HOST_LIST=vm3\nEXRP_PORT=99999\n');
      const r = await cli(['nginx-config', '--env-file', join(dir, '.env')]);
      assert.equal(r.code, 1);
      assert.deepEqual(r.err.slice(0, 2), [
        'EXCP_1_VM_HOST_PAIR: 1 address (expected 2: host,host)',
        'EXRP_PORT: "99999" is not a port number (expected 1-65535)',
      ]);
      assert.match(r.err.at(-1)!, /^2 problems in /);
      assert.deepEqual(r.out, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
