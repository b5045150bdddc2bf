// The console's HTTP side: the page at `/` and its assets, the view as JSON, its live stream (server-sent
// events) and the links to the services and the demo's control API (PUT by the demo, or by hand).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import { buildView, ConsoleFeed } from './feed.ts';
import { PAGE_CSS, PAGE_HTML, PAGE_SCRIPT } from './page.ts';

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL is expected');

export const ConsoleLinksSchema = z
  .object({
    services: z
      .array(z.object({ name: z.string().min(1).max(40), url: httpUrl }).strict())
      .max(20)
      .default([]),
    controlUrl: httpUrl.nullable().default(null),
  })
  .strict();

export function registerConsole(app: FastifyInstance, ctx: EmulatorContext): void {
  const feed = new ConsoleFeed(ctx, app);
  app.addHook('onClose', async () => feed.close());
  const base = '/__emulator/console';
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE_HTML));
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.get(`${base}/app.css`, async (_req, reply) => reply.type('text/css; charset=utf-8').send(PAGE_CSS));
  app.get(`${base}/app.js`, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(PAGE_SCRIPT),
  );
  app.get(`${base}/view`, async () => buildView(ctx, app, await feed.currentHealth()));
  app.get(`${base}/stream`, async (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    reply.raw.write('retry: 1000\n\n');
    // Requests time out after a minute (server.ts); a stream must not.
    req.raw.setTimeout(0);
    feed.add(reply.raw);
  });
  app.get(`${base}/links`, async () => ctx.consoleLinks);
  app.put(`${base}/links`, async (req) => {
    const parsed = ConsoleLinksSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      throw badRequest(
        `Invalid console links: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    ctx.consoleLinks = parsed.data;
    ctx.touch();
    return ctx.consoleLinks;
  });
}
