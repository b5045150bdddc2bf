// The demo's control API, which the console's operator panel calls: the operations (GET /operations,
// POST /operations/:id {"value"?}) and the live status (GET /status). Authenticated by loopback: it
// listens on 127.0.0.1, refuses any other peer, and refuses a browser request from another origin than
// the console's (a JSON body forces the browser's preflight, which only the console's origin passes).
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DemoOperation } from '../../core/demo-component.ts';
import { requestTimeouts } from '../../core/http/timeouts.ts';
import type { StatusRow } from '../status.ts';

export interface ControlServer {
  url: string;
  stop(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const RunBody = z.object({ value: z.union([z.string(), z.number()]).optional() }).strict();

/** http://127.0.0.1:3600 also answers as http://localhost:3600. */
export function allowedOrigins(consoleUrl: string): Set<string> {
  const u = new URL(consoleUrl);
  const port = u.port ? `:${u.port}` : '';
  return new Set([u.origin, `${u.protocol}//localhost${port}`, `${u.protocol}//127.0.0.1${port}`]);
}

export function buildControlApp(opts: {
  consoleUrl: string;
  operations: () => DemoOperation[];
  status: () => StatusRow[];
}): FastifyInstance {
  const origins = allowedOrigins(opts.consoleUrl);
  const app = Fastify({ logger: false, ...requestTimeouts(30_000) });
  app.addHook('onRequest', async (req, reply) => {
    if (!LOOPBACK.test(req.socket.remoteAddress ?? ''))
      return reply.code(403).send({ error: 'the control API answers loopback clients only' });
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin))
      return reply.code(403).send({ error: `origin ${origin} is not the console's` });
    if (origin) {
      void reply.header('access-control-allow-origin', origin);
      void reply.header('vary', 'origin');
    }
  });
  app.options('/*', async (_req, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '600')
      .send(),
  );
  app.get('/operations', async () => ({
    operations: opts.operations().map(({ id, label, group, input }) => ({ id, label, group, input })),
  }));
  app.post<{ Params: { id: string } }>('/operations/:id', async (req, reply) => {
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
      return reply.code(415).send({ error: 'a JSON body is expected ({"value"?: …})' });
    const body = RunBody.safeParse(req.body ?? {});
    if (!body.success) return reply.code(400).send({ error: 'body: expected {"value"?: string | number}' });
    const op = opts.operations().find((o) => o.id === req.params.id);
    if (!op) return reply.code(404).send({ error: `no operation "${req.params.id}"` });
    try {
      const v = body.data.value;
      return { result: await op.run(v === undefined ? undefined : String(v)) };
    } catch (err) {
      return reply.code(409).send({ error: (err as Error).message });
    }
  });
  app.get('/status', async () => ({ at: new Date().toISOString(), services: opts.status() }));
  return app;
}

export async function startControlServer(opts: {
  port: number;
  consoleUrl: string;
  operations: () => DemoOperation[];
  status: () => StatusRow[];
}): Promise<ControlServer> {
  const app = buildControlApp(opts);
  const url = await app.listen({ host: '127.0.0.1', port: opts.port });
  return { url, stop: () => app.close() };
}
