// The MCP simulator against real parts: the SIP Server simulator's calls (T-Lib call monitoring), Apache
// mod_dav (Debian) as the WebDAV store, and the EXCP pair's POST /api/v1/recording.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJsonLine } from '../../src/engage/tlib/codec/decode.ts';
import { parseOpusFile, startMcpSimulator, type McpSimulator } from '../../src/lab/engage/mcp/index.ts';
import { SegmentTracker } from '../../src/lab/engage/mcp/segments.ts';
import type { ScenarioName, SimEvent } from '../../src/lab/engage/sip-server/index.ts';
import { closeServer, listen } from '../agent-state-sync/stubs.ts';
import { startApacheWebDav, type ApacheWebDav } from '../harness/apache-webdav.ts';
import { until } from '../harness/index.ts';
import { startExcpLab, type ExcpLab } from '../conversation-provider/lab.ts';

const SCENARIOS: ScenarioName[] = [
  'answered-caller-hangs-up',
  'hold-retrieve',
  'blind-transfer-agent',
  'consult-transfer-agent',
  'agent-outbound',
  'multisite-routed',
];

const fast = { retries: 2, backoffMs: 20, maxBackoffMs: 1000, timeoutMs: 5000 };

describe('MCP simulator → Apache mod_dav → EXCP', { timeout: 120_000 }, () => {
  let lab: ExcpLab;
  let dav: ApacheWebDav;
  let irrecoverable: string;
  const mcps: McpSimulator[] = [];
  const agents = () =>
    [...lab.sim.topology.home.agents, ...lab.sim.topology.remote.agents].map((a) => ({
      extension: a.extension,
      agentId: a.agentId,
    }));

  before(async () => {
    lab = await startExcpLab({ instances: 2 });
    dav = await startApacheWebDav();
    irrecoverable = mkdtempSync(join(tmpdir(), 'exec-mcp-irrecoverable-'));
  });
  after(async () => {
    for (const m of mcps) await m.stop();
    await dav?.stop();
    await lab?.stop();
    rmSync(irrecoverable, { recursive: true, force: true });
  });

  const start = async (config: Parameters<typeof startMcpSimulator>[0]['config']) => {
    const mcp = startMcpSimulator({ servers: lab.servers.call, agents: agents(), config, heartbeatMs: 500 });
    mcps.push(mcp);
    await mcp.ready(10_000);
    return mcp;
  };

  /** The segments a call will make, from its events (the tracker is pure). */
  const expectedSegments = (events: SimEvent[], trunk: boolean) => {
    const byExt = new Map(agents().map((a) => [a.extension, a.agentId]));
    const t = new SegmentTracker({ agentOf: (e) => byExt.get(e), trunk });
    return events
      .filter((e) => e.dn === null)
      .flatMap((e) => {
        const d = decodeJsonLine(JSON.stringify(e.body));
        return d.ok ? t.apply(d.message) : [];
      });
  };

  it('puts a valid Ogg Opus file per agent and trunk segment in WebDAV and posts its metadata to EXCP (202)', async () => {
    const mcp = await start({
      recdest: `fixed,${dav.url}`,
      httpAuthorization: `fixed,${dav.user}:${dav.password}`,
      callrecDest: `fixed,${lab.instances[1]!.url}/api/v1/recording`,
      irrecoverableDir: irrecoverable,
      trunk: true,
      // EXCP learns of the call from the same events: give it time under a loaded machine.
      retry: { ...fast, retries: 6, backoffMs: 50 },
      audio: { minMs: 500, channels: 2 },
    });
    const expected = SCENARIOS.flatMap((s) => expectedSegments(lab.sim.playScenarioDetailed(s).events, true));
    assert.ok(expected.filter((s) => s.kind === 'agent').length >= SCENARIOS.length + 2);
    await until(
      'every segment delivered or given up',
      () => mcp.stats().delivered + mcp.stats().irrecoverable >= expected.length,
      30_000,
    );
    await mcp.idle();
    const results = mcp.results();
    assert.deepEqual(
      results.map((r) => `${r.segment.callUuid}/${r.segment.recordDn}/${r.segment.kind}`).sort(),
      expected.map((s) => `${s.callUuid}/${s.recordDn}/${s.kind}`).sort(),
    );
    for (const r of results) {
      assert.equal(r.outcome, 'delivered', `${r.fileName}: ${r.error ?? ''}`);
      assert.equal(r.putStatus, 201);
      assert.equal(r.postStatus, 202);
      assert.equal((r.postAnswer as { status: { code: number } }).status.code, 0);
      const onDisk = readFileSync(join(dav.dir, r.fileName));
      assert.equal(onDisk.length, r.size);
      const parsed = parseOpusFile(onDisk);
      assert.equal(parsed.channels, 2);
      assert.equal(parsed.comments.EXEC_MEDIAID, r.fileName);
      assert.ok(parsed.durationMs >= 500);
      const f = r.metadata.mediaFiles[0]!;
      assert.equal(f.mediaDescriptor.path, `${dav.url}${encodeURIComponent(r.fileName)}`);
      assert.equal(f.size, String(onDisk.length));
      // What EXRP will do: GET the file back from the path in the metadata, with the same account.
      const got = await fetch(f.mediaDescriptor.path, {
        headers: { authorization: `Basic ${Buffer.from(`${dav.user}:${dav.password}`).toString('base64')}` },
      });
      assert.equal(got.status, 200);
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), onDisk);
    }
    assert.deepEqual(readdirSync(irrecoverable), []);
    await mcp.stop();
  });

  it('retries a failing POST with back-off and succeeds when the metadata endpoint recovers', async () => {
    const seen: number[] = [];
    let failuresLeft = 2;
    const flaky = createServer((req, res) => {
      seen.push(Date.now());
      req.resume();
      req.on('end', () => {
        res.writeHead(failuresLeft-- > 0 ? 503 : 202, { 'content-type': 'application/json' });
        res.end('{"status":{"code":0}}');
      });
    });
    const url = await listen(flaky);
    try {
      const mcp = await start({
        recdest: dav.url,
        httpAuthorization: `${dav.user}:${dav.password}`,
        callrecDest: `${url}/api/v1/recording`,
        retry: { ...fast, backoffMs: 100 },
      });
      lab.sim.playScenario('answered-agent-hangs-up');
      await until(
        'the segment delivered',
        () => mcp.stats().delivered + mcp.stats().irrecoverable >= 1,
        30_000,
      );
      const [r] = mcp.results();
      assert.equal(r!.outcome, 'delivered');
      assert.deepEqual(r!.attempts, { put: 1, post: 3 });
      assert.ok(
        seen[1]! - seen[0]! >= 90 && seen[2]! - seen[1]! >= 190,
        'exponential back-off between tries',
      );
      await mcp.stop();
    } finally {
      await closeServer(flaky);
    }
  });

  it('after every retry, keeps the file and its JSON in the irrecoverable directory (PUT refused, POST unreachable)', async () => {
    // A port that was just listened on and closed: connections to it are refused.
    const srv = createServer();
    const deadUrl = await listen(srv);
    await closeServer(srv);
    const badAuth = await start({
      recdest: dav.url,
      httpAuthorization: `${dav.user}:wrong-password`,
      callrecDest: `${lab.instances[0]!.url}/api/v1/recording`,
      irrecoverableDir: join(irrecoverable, 'put'),
      retry: fast,
    });
    // One call per MCP: two MCPs recording the same call would name the same file.
    lab.sim.playScenario('answered-caller-hangs-up');
    await until('the MCP with a wrong password gave up', () => badAuth.stats().irrecoverable >= 1, 30_000);
    await badAuth.stop();
    const deadExcp = await start({
      recdest: dav.url,
      httpAuthorization: `${dav.user}:${dav.password}`,
      callrecDest: `${deadUrl}/api/v1/recording`,
      irrecoverableDir: join(irrecoverable, 'post'),
      retry: fast,
    });
    lab.sim.playScenario('answered-caller-hangs-up');
    await until('the MCP with no EXCP gave up', () => deadExcp.stats().irrecoverable >= 1, 30_000);
    const [put] = badAuth.results();
    assert.equal(put!.failedStep, 'put');
    assert.equal(put!.putStatus, 401);
    assert.deepEqual(put!.attempts, { put: 3, post: 0 });
    const [post] = deadExcp.results();
    assert.equal(post!.failedStep, 'post');
    assert.equal(post!.attempts.post, 3);
    for (const [step, r] of [
      ['put', put!],
      ['post', post!],
    ] as const) {
      const dir = join(irrecoverable, step);
      assert.deepEqual(readdirSync(dir).sort(), [r.fileName, `${r.fileName}.json`].sort());
      const kept = JSON.parse(readFileSync(join(dir, `${r.fileName}.json`), 'utf8')) as {
        mediaFiles: unknown[];
        failure: { step: string };
      };
      assert.equal(kept.failure.step, step);
      assert.equal(kept.mediaFiles.length, 1);
      parseOpusFile(readFileSync(join(dir, r.fileName)));
    }
    // The refused PUT left nothing in WebDAV; the file whose POST failed stays there (seed 003).
    assert.equal(existsSync(join(dav.dir, put!.fileName)), false);
    assert.equal(existsSync(join(dav.dir, post!.fileName)), true);
    assert.doesNotMatch(dav.errorLog(), /wrong-password/);
  });
});
