// The demo's load balancer (DESIGN §2: 3660 in front of the EXCP pair, 8070 in front of EXRP), in process:
// what nginx does in a deployment (deploy/nginx/, src/deploy/nginx.ts), reduced to round robin with the
// next backend tried when one does not answer (`proxy_next_upstream error`). Bodies are buffered: the
// requests it carries (recording metadata, interaction-ends) are small JSON.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { DemoComponent, StartedComponent } from '../core/demo-component.ts';

export interface LoadBalancer {
  url: string;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Sends the request to one backend; false when it could not be reached (nothing was answered yet). */
function forward(backend: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const target = new URL(req.url ?? '/', backend);
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const out = request(target, { method: req.method, headers, timeout: 30_000 }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve(true));
      answer.on('error', () => resolve(true));
    });
    out.on('timeout', () => out.destroy(new Error('timed out')));
    out.on('error', () => resolve(res.headersSent));
    out.end(body);
  });
}

/** Round robin over `backends()` (read per request: an instance restarted on the same port is found). */
export async function startLoadBalancer(o: {
  port: number;
  backends(): string[];
  host?: string;
}): Promise<LoadBalancer> {
  let next = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const backends = o.backends();
      const first = next++;
      for (let i = 0; i < backends.length; i++) {
        const backend = backends[(first + i) % backends.length]!;
        if (await forward(backend, req, body, res)) return;
      }
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 50200, message: 'no backend answered' } }));
    })().catch(() => res.destroy());
  });
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A load balancer as a demo component: in front of the `ctx.urls` named by `backends`, as `name`. */
export function loadBalancerComponent(o: { name: string; port: number; backends: string[] }): DemoComponent {
  return {
    name: o.name,
    async start(ctx): Promise<StartedComponent> {
      const backends = () => o.backends.map((b) => ctx.urls[b]).filter((u): u is string => Boolean(u));
      const lb = await startLoadBalancer({ port: o.port, backends });
      return { name: o.name, urls: { [o.name]: lb.url }, stop: () => lb.stop() };
    },
  };
}
