// The recording load balancer as rendered from a .env (deploy/nginx/, `nginx-config`), run by a real
// Debian nginx in front of two EXCP instances (the pair, on 127.0.0.1 and 127.0.0.2 like two VMs) and two
// EXRP stand-ins: plain HTTP servers that record what reaches them, so that round robin and failover are
// seen request by request (full-chain.test.ts runs two real EXRP behind the same rendered nginx).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nginxPlan, readNginxTemplates, renderNginx } from '../../src/deploy/nginx.ts';
import { startMcpSimulator } from '../../src/lab/engage/mcp/index.ts';
import { topologyAgents } from '../../src/lab/engage/mcp/agents.ts';
import { closeServer } from '../agent-state-sync/stubs.ts';
import { startApacheWebDav, type ApacheWebDav } from '../harness/apache-webdav.ts';
import { freePort, until } from '../harness/index.ts';
import { startNginx, type RunningNginx } from '../harness/nginx.ts';
import { startExcpLab, type ExcpLab } from '../conversation-provider/lab.ts';

interface ExrpStandIn {
  address: string;
  received: { path: string; body: unknown }[];
  server: Server;
}

/** An HTTP server standing in for one EXRP instance: records each request, answers 202. */
async function startExrpStandIn(host: string, port: number): Promise<ExrpStandIn> {
  const received: ExrpStandIn['received'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: body ? (JSON.parse(body) as unknown) : undefined });
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 0, message: 'Accepted' }, data: { by: host } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { address: `${host}:${port}`, received, server };
}

describe(
  'nginx load balancer (rendered from .env) in front of the EXCP pair and EXRP',
  { timeout: 120_000 },
  () => {
    let lab: ExcpLab;
    let nginx: RunningNginx;
    let dav: ApacheWebDav;
    const exrp: ExrpStandIn[] = [];
    const ports = { excp: 0, exrp: 0, lbExcp: 0, lbExrp: 0 };

    before(async () => {
      for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
      const env = {
        EXCP_1_VM_HOST_PAIR: '127.0.0.1,127.0.0.2',
        EXCP_1_PORT: String(ports.excp),
        EXRP_VM_HOST_LIST: '127.0.0.1,127.0.0.2',
        EXRP_PORT: String(ports.exrp),
        EXCP_RECORDING_PROCESSOR_PROXY_HOST: '127.0.0.1',
        EXCP_RECORDING_PROCESSOR_PROXY_PORT: String(ports.lbExrp),
      };
      const { plan, problems } = nginxPlan(env, { excpPort: ports.lbExcp });
      assert.deepEqual(problems, []);
      const files = renderNginx(plan, readNginxTemplates(), { listenAddress: '127.0.0.1' });
      // Which upstream served each request, in the access log (the harness's addition, not the template's).
      files['nginx.conf'] = files['nginx.conf'].replace(
        'http {',
        "http {\n  log_format upstream '$request_uri $status $upstream_addr';",
      );
      exrp.push(
        await startExrpStandIn('127.0.0.1', ports.exrp),
        await startExrpStandIn('127.0.0.2', ports.exrp),
      );
      lab = await startExcpLab({
        instances: 2,
        listen: (i) => ({ host: `127.0.0.${i + 1}`, port: ports.excp }),
      });
      // Which upstream served each request goes to the access log (the harness's, not the template's).
      nginx = await startNginx(files, [ports.lbExcp, ports.lbExrp], {
        accessLogFormat: '$request_uri $status $upstream_addr',
      });
      dav = await startApacheWebDav();
    });
    after(async () => {
      await nginx?.stop();
      await dav?.stop();
      await lab?.stop();
      for (const s of exrp) if (s.server.listening) await closeServer(s.server);
    });

    const upstreamsInLog = (path: string): string[] =>
      readFileSync(join(nginx.dir, 'access.log'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith(path))
        .map((l) => l.split(' ')[2] ?? '');

    const post = async (port: number, path: string, body: unknown) => {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as { status: { code: number } } };
    };

    it('passes MCP metadata to either EXCP instance, and to the other when one is down', async () => {
      const callUuid = lab.sim.playScenario('answered-caller-hangs-up');
      const known = { mediaFiles: [{ parameters: { callUuid } }] };
      await until(
        'EXCP knows the call',
        async () => (await post(ports.lbExcp, '/api/v1/recording', known)).status === 202,
        20_000,
      );
      for (let i = 0; i < 6; i++)
        assert.equal((await post(ports.lbExcp, '/api/v1/recording', known)).status, 202);
      const unknown = await post(ports.lbExcp, '/v1/recording', {
        mediaFiles: [{ parameters: { callUuid: 'NOPE' } }],
      });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.status.code, 40402);
      await until('the access log', () => upstreamsInLog('/api/v1/recording').length >= 7, 5000);
      assert.deepEqual(
        [...new Set(upstreamsInLog('/api/v1/recording'))].sort(),
        [`127.0.0.1:${ports.excp}`, `127.0.0.2:${ports.excp}`],
        'round robin over the pair',
      );
      await lab.instances[0]!.stop();
      for (let i = 0; i < 6; i++)
        assert.equal((await post(ports.lbExcp, '/api/v1/recording', known)).status, 202);
      await lab.startInstance(0);
      await lab.instances[1]!.stop();
      for (let i = 0; i < 6; i++)
        assert.equal((await post(ports.lbExcp, '/api/v1/recording', known)).status, 202);
      await lab.startInstance(1);
    });

    it("delivers the MCP simulator's segments through nginx (callrec_dest = the load balancer)", async () => {
      const mcp = startMcpSimulator({
        servers: lab.servers.call,
        agents: topologyAgents(lab.sim.topology),
        config: {
          recdest: dav.url,
          httpAuthorization: `${dav.user}:${dav.password}`,
          callrecDest: `http://127.0.0.1:${ports.lbExcp}/api/v1/recording`,
          retry: { retries: 6, backoffMs: 50, maxBackoffMs: 1000, timeoutMs: 5000 },
          audio: { minMs: 100 },
        },
      });
      try {
        await mcp.ready(10_000);
        lab.sim.playScenario('hold-retrieve');
        lab.sim.playScenario('blind-transfer-agent');
        await until(
          'three segments delivered',
          () => mcp.stats().delivered + mcp.stats().irrecoverable >= 3,
          30_000,
        );
        for (const r of mcp.results()) {
          assert.equal(r.outcome, 'delivered', r.error);
          assert.equal(r.postStatus, 202);
        }
      } finally {
        await mcp.stop();
      }
    });

    it('spreads interaction ends over the EXRP instances, each once, and moves to the survivor', async () => {
      const send = (n: number) => post(ports.lbExrp, '/api/v1/interactions/end', { n });
      for (let n = 0; n < 20; n++) assert.equal((await send(n)).status, 202);
      const got = () => exrp.flatMap((s) => s.received.map((r) => (r.body as { n: number }).n));
      assert.deepEqual(
        got().sort((a, b) => a - b),
        [...Array(20).keys()],
        'each request reached one instance once',
      );
      assert.ok(
        exrp.every((s) => s.received.length > 0),
        'both instances served',
      );
      assert.ok(exrp.every((s) => s.received.every((r) => r.path === '/api/v1/interactions/end')));
      await closeServer(exrp[0]!.server);
      const before0 = exrp[0]!.received.length;
      for (let n = 20; n < 30; n++) assert.equal((await send(n)).status, 202);
      assert.equal(exrp[0]!.received.length, before0);
      assert.deepEqual(
        got().sort((a, b) => a - b),
        [...Array(30).keys()],
      );
      await closeServer(exrp[1]!.server);
      const r = await fetch(`http://127.0.0.1:${ports.lbExrp}/api/v1/interactions/end`, {
        method: 'POST',
        body: '{}',
      });
      assert.equal(r.status, 502, 'no instance left: the load balancer says so');
    });
  },
);
