// `exec-connector lab mcp`: follows a SIP Server simulator, stores each segment in Apache mod_dav and posts
// its metadata to a recording HTTP server standing in for EXCP; never prints the WebDAV password; refuses
// bad settings naming them.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseOpusFile } from '../../src/lab/engage/mcp/index.ts';
import { startSipServerSimulator } from '../../src/lab/engage/sip-server/index.ts';
import { generateTopology } from '../../src/lab/engage/sip-server/topology.ts';
import { closeServer, listen } from '../agent-state-sync/stubs.ts';
import { startApacheWebDav } from '../harness/apache-webdav.ts';
import { until } from '../harness/index.ts';

const BIN = new URL('../../bin/exec-connector.js', import.meta.url).pathname;

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'lab', 'mcp', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const io = { out: '', err: '' };
  child.stdout.on('data', (d: Buffer) => (io.out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (io.err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, io, exited };
}

describe('exec-connector lab mcp', { timeout: 90_000 }, () => {
  it('records the simulator calls into WebDAV and posts metadata until SIGTERM', async () => {
    const sim = await startSipServerSimulator({
      topology: generateTopology({ agents: 8 }),
      timeScale: 0.001,
    });
    const dav = await startApacheWebDav({ password: 'cli-dav-s3cret' });
    const posts: { path: string; body: { mediaFiles: { mediaId: string }[] } }[] = [];
    // Stands in for EXCP (or the load balancer before it): records each POST and answers 202.
    const recorder = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', body: JSON.parse(body) as (typeof posts)[0]['body'] });
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end('{"status":{"code":0,"message":"OK"}}');
      });
    });
    const recorderUrl = await listen(recorder);
    const dir = mkdtempSync(join(tmpdir(), 'exec-lab-mcp-'));
    writeFileSync(join(dir, 'auth'), `${dav.user}:cli-dav-s3cret\n`);
    const p = run([
      '--sip',
      `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`,
      '--agents',
      '8',
      '--recdest',
      `fixed,${dav.url}`,
      '--httpauthorization-file',
      join(dir, 'auth'),
      '--callrec-dest',
      `${recorderUrl}/api/v1/recording`,
      '--min-seconds',
      '0.2',
      '--backoff-ms',
      '50',
      '--kbps',
      '32',
    ]);
    try {
      await until(
        'the start lines',
        () => p.io.out.includes('callrec_dest') || p.child.exitCode !== null,
        30_000,
      );
      assert.match(p.io.out, /recdest2 http:\/\/127\.0\.0\.1:\d+\/recordings\/ \(Basic auth\)/);
      // The link registers shortly after start; calls played before it would go unseen.
      await until(
        'the link on both servers',
        () => sim.state().pairs[0]!.nodes.every((n) => n.clients > 0),
        15_000,
      );
      sim.playScenario('answered-caller-hangs-up');
      sim.playScenario('hold-retrieve');
      await until('two recorded lines', () => (p.io.out.match(/^recorded /gm) ?? []).length >= 2, 30_000);
      assert.equal(posts.length, 2);
      assert.ok(posts.every((x) => x.path === '/api/v1/recording'));
      assert.deepEqual(readdirSync(dav.dir).sort(), posts.map((x) => x.body.mediaFiles[0]!.mediaId).sort());
      assert.match(p.io.out, /WebDAV 201, metadata 202/);
      for (const name of readdirSync(dav.dir)) {
        const file = readFileSync(join(dav.dir, name));
        const parsed = parseOpusFile(file);
        // 32 kbit/s: 80 bytes a 20 ms packet, plus Ogg framing.
        assert.ok(file.length >= (parsed.audioPackets - 1) * 80, `${name}: ${file.length} bytes`);
      }
      p.child.kill('SIGTERM');
      assert.equal(await p.exited, 0);
      assert.match(p.io.out, /stopped: 2 segments delivered, 0 not/);
      assert.doesNotMatch(p.io.out + p.io.err, /cli-dav-s3cret/);
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await closeServer(recorder);
      await dav.stop();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad number with a usage error and a bad URL naming the profile option', async () => {
    const usage = run(['--retries', 'many']);
    assert.equal(await usage.exited, 2);
    assert.match(usage.io.err, /"many" is not a number of retries/);
    const bad = run(['--recdest', 'fixed,not a url', '--httpauthorization', 'nocolon']);
    assert.equal(await bad.exited, 1);
    assert.match(bad.io.err, /recdest2: not a URL/);
    assert.match(bad.io.err, /httpauthorization2: expected user:password/);
  });
});
