// The simulator's admin HTTP API (DESIGN §6): play one call, set the traffic, switch over, kill and
// restore the primary; plus read-only views of the state and the scenario names.
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName, type ScenarioResult } from './scenarios/index.ts';
import type { Mix } from './traffic.ts';
import { parseMix } from './traffic.ts';
import { requestTimeouts } from '../../../core/http/timeouts.ts';

export interface AdminActions {
  play(name: ScenarioName, timeScale?: number): ScenarioResult;
  setTraffic(caps: number, mix?: Mix): { caps: number; mix: Mix };
  traffic(): { caps: number; mix: Mix; started: number };
  switchover(): Promise<unknown>;
  killPrimary(): Promise<unknown>;
  restorePrimary(): Promise<unknown>;
  replay(file: string, speed: number): Promise<unknown>;
  state(): unknown;
}

const CallBody = z.object({ scenario: z.string(), timeScale: z.number().positive().max(1000).optional() });
const TrafficBody = z.object({ caps: z.number().min(0).max(10_000), mix: z.unknown().optional() });
const ReplayBody = z.object({ file: z.string().min(1), speed: z.number().min(0).default(1) });

function bad(message: string): { error: string } {
  return { error: message };
}

export function buildAdmin(actions: AdminActions): FastifyInstance {
  const app = Fastify({ logger: false, ...requestTimeouts() });

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/state', async () => actions.state());
  app.get('/scenarios', async () => ({ scenarios: SCENARIO_NAMES }));

  app.post('/calls', async (req, reply) => {
    const body = CallBody.safeParse(req.body);
    if (!body.success)
      return reply.code(400).send(bad('body: expected {"scenario": "<name>", "timeScale"?: n}'));
    const name = body.data.scenario;
    if (!isScenarioName(name)) return reply.code(400).send(bad(`scenario: unknown scenario "${name}"`));
    const r = actions.play(name, body.data.timeScale);
    return reply.code(201).send({
      callUuid: r.callUuid,
      connId: r.connId,
      scenario: r.scenario,
      events: r.events.length,
      endsAt: new Date(Math.ceil((r.events[r.events.length - 1]?.atUs ?? 0) / 1000)).toISOString(),
    });
  });

  app.get('/traffic', async () => actions.traffic());
  app.put('/traffic', async (req, reply) => {
    const body = TrafficBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('body: expected {"caps": n ≥ 0, "mix"?: …}'));
    let mix: Mix | undefined;
    try {
      mix = body.data.mix === undefined ? undefined : parseMix(body.data.mix);
    } catch (err) {
      return reply.code(400).send(bad((err as Error).message));
    }
    return actions.setTraffic(body.data.caps, mix);
  });

  const guarded =
    (fn: () => Promise<unknown>) =>
    async (_req: unknown, reply: { code(n: number): { send(b: unknown): unknown } }) => {
      try {
        return await fn();
      } catch (err) {
        return reply.code(409).send(bad((err as Error).message));
      }
    };
  app.post(
    '/switchover',
    guarded(() => actions.switchover()),
  );
  app.post(
    '/kill-primary',
    guarded(() => actions.killPrimary()),
  );
  app.post(
    '/restore-primary',
    guarded(() => actions.restorePrimary()),
  );

  app.post('/replay', async (req, reply) => {
    const body = ReplayBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('body: expected {"file": "<path>", "speed"?: n ≥ 0}'));
    try {
      return await actions.replay(body.data.file, body.data.speed);
    } catch (err) {
      return reply.code(400).send(bad((err as Error).message));
    }
  });
  return app;
}
