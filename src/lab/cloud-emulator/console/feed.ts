// The console's live feed: while at least one page listens (server-sent events), every change of the org
// (ctx.onChange) and every change of the services' health leads to one new view, built once and sent to
// every listener, at most every `minIntervalMs`; with nothing changing, a view still goes out every few
// seconds so that live timelines keep growing. Nothing runs while nobody listens.
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.ts';
import { orgView } from '../org-view.ts';
import { fetchHealth } from './health.ts';
import { readRecordings } from './recordings.ts';
import { consoleView, type ConsoleView, type ServiceHealth } from './view.ts';

/** Conversations handed to the view (it draws the latest 30, counts the live ones among these). */
const RECENT_CONVERSATIONS = 300;

export async function buildView(
  ctx: EmulatorContext,
  app: FastifyInstance,
  services: ServiceHealth[],
): Promise<ConsoleView> {
  const all = [...ctx.org.conversations];
  const org = orgView({ ...ctx.org, conversations: new Map(all.slice(-RECENT_CONVERSATIONS)) });
  return consoleView({
    org,
    conversationCount: all.length,
    recordings: await readRecordings(app),
    services,
    controlUrl: ctx.consoleLinks.controlUrl,
    now: Date.now(),
  });
}

export interface FeedTimings {
  minIntervalMs: number;
  idleIntervalMs: number;
  healthEveryMs: number;
}

export class ConsoleFeed {
  private readonly clients = new Set<ServerResponse>();
  private health: ServiceHealth[] = [];
  private dirty = true;
  private lastPush = 0;
  private building = false;
  private unsubscribe: (() => void) | undefined;
  private tick: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly app: FastifyInstance,
    private readonly timings: FeedTimings = { minIntervalMs: 300, idleIntervalMs: 2000, healthEveryMs: 2000 },
  ) {}

  /** The services' health as last polled (polled now when nobody listens). */
  async currentHealth(): Promise<ServiceHealth[]> {
    if (this.clients.size === 0) await this.pollHealth();
    return this.health;
  }

  add(res: ServerResponse): void {
    this.clients.add(res);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.sleep();
    });
    if (this.clients.size === 1) this.wake();
    this.dirty = true;
    void this.push();
  }

  close(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
    this.sleep();
  }

  private wake(): void {
    this.unsubscribe = this.ctx.onChange(() => {
      this.dirty = true;
    });
    this.tick = setInterval(() => void this.push(), this.timings.minIntervalMs);
    this.healthTimer = setInterval(() => void this.pollHealth(), this.timings.healthEveryMs);
    void this.pollHealth();
  }

  private sleep(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.tick);
    clearInterval(this.healthTimer);
  }

  private async pollHealth(): Promise<void> {
    const next = await Promise.all(this.ctx.consoleLinks.services.map((s) => fetchHealth(s)));
    if (JSON.stringify(next) !== JSON.stringify(this.health)) this.dirty = true;
    this.health = next;
  }

  private async push(): Promise<void> {
    if (this.building || this.clients.size === 0) return;
    if (!this.dirty && Date.now() - this.lastPush < this.timings.idleIntervalMs) return;
    this.building = true;
    this.dirty = false;
    try {
      const view = await buildView(this.ctx, this.app, this.health);
      const frame = `event: view\ndata: ${JSON.stringify(view)}\n\n`;
      for (const c of this.clients) c.write(frame);
      this.lastPush = Date.now();
    } catch (err) {
      this.ctx.logger.error({ err }, 'cloud emulator console: cannot build the view');
    } finally {
      this.building = false;
    }
  }
}
