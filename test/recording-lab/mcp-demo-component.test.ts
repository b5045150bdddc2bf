// The MCP demo component: finds the SIP Server, WebDAV and EXCP (or its load balancer) among the demo's
// URLs and records; without WebDAV or EXCP it says so and records nothing.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import type { DemoContext } from '../../src/core/demo-component.ts';
import { labMcpComponent } from '../../src/lab/engage/mcp/demoComponent.ts';
import { startSipServerSimulator } from '../../src/lab/engage/sip-server/index.ts';
import { generateTopology } from '../../src/lab/engage/sip-server/topology.ts';
import { closeServer, listen } from '../agent-state-sync/stubs.ts';
import { startApacheWebDav } from '../harness/apache-webdav.ts';
import { until } from '../harness/index.ts';

const context = (urls: Record<string, string>) => {
  const lines = { out: [] as string[], err: [] as string[] };
  const ctx: DemoContext = {
    options: { agents: 10, caps: 0, changes: false, open: false },
    io: { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) },
    urls,
  };
  return { ctx, lines };
};

describe('MCP demo component', { timeout: 60_000 }, () => {
  it('records nothing when the demo has no WebDAV', async () => {
    const { ctx, lines } = context({ excp: 'http://127.0.0.1:1' });
    const started = await labMcpComponent().start(ctx);
    assert.match(lines.err.join('\n'), /no WebDAV or EXCP in the demo; not recording/);
    await started.stop();
  });

  it("records the demo's calls into WebDAV and posts to the load balancer before EXCP", async () => {
    const sim = await startSipServerSimulator({
      topology: generateTopology({ agents: 10 }),
      timeScale: 0.001,
    });
    const dav = await startApacheWebDav();
    const posts: string[] = [];
    const lb = createServer((req, res) => {
      posts.push(req.url ?? '');
      req.resume();
      req.on('end', () => (res.writeHead(202), res.end('{}')));
    });
    const lbUrl = await listen(lb);
    const { ctx, lines } = context({
      sip: `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`,
      webdav: dav.url,
      excp: 'http://127.0.0.1:1',
      excpLb: lbUrl,
    });
    const started = await labMcpComponent({ httpAuthorization: `${dav.user}:${dav.password}` }).start(ctx);
    try {
      assert.match(lines.out.join('\n'), new RegExp(`metadata → ${lbUrl}/api/v1/recording`));
      await until(
        'the link on both servers',
        () => sim.state().pairs[0]!.nodes.every((n) => n.clients > 0),
        15_000,
      );
      sim.playScenario('answered-caller-hangs-up');
      await until('a metadata post', () => posts.length >= 1, 20_000);
      assert.deepEqual(posts, ['/api/v1/recording']);
      assert.equal(readdirSync(dav.dir).length, 1);
    } finally {
      await started.stop();
      await closeServer(lb);
      await dav.stop();
      await sim.stop();
    }
  });
});
