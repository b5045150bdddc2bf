// The simulator's admin HTTP API, as DESIGN §6 pins it: set and pin an agent's state, read it, hand it
// back to the schedule, switch over, kill and restore the primary. Plain JSON (a lab tool, no envelope).
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { agentStateBody, agentView, type AgentStateInput, type SimAgent } from './agent-model.ts';
import { requestTimeouts } from '../../../core/http/timeouts.ts';

export interface AdminControls {
  setAgent(employeeId: string, input: AgentStateInput, opts: { pin: boolean }): SimAgent;
  getAgent(employeeId: string): SimAgent | undefined;
  allAgents(): SimAgent[];
  unpin(employeeId: string): SimAgent | undefined;
  switchover(): Promise<unknown>;
  killPrimary(): Promise<unknown>;
  restorePrimary(): Promise<unknown>;
  status(): unknown;
  burst(count: number): number;
  setRate(changesPerSecond: number): void;
}

const EMPLOYEE_ID = /^[^\s/]{1,255}$/;

export function createAdminApp(c: AdminControls): FastifyInstance {
  const app = Fastify({ logger: false, ...requestTimeouts() });
  const notFound = (id: string) => ({ error: `agent '${id}' is not known to the simulator` });

  app.put<{ Params: { employeeId: string } }>('/agents/:employeeId', async (req, reply) => {
    const id = req.params.employeeId;
    if (!EMPLOYEE_ID.test(id)) return reply.code(400).send({ error: 'employeeId is not valid' });
    const body = agentStateBody.safeParse(req.body);
    if (!body.success) {
      const i = body.error.issues[0];
      return reply
        .code(400)
        .send({ error: `body.${i?.path.join('.') || ''}: ${i?.message ?? 'is not valid'}` });
    }
    return agentView(c.setAgent(id, body.data, { pin: true }));
  });
  app.get<{ Params: { employeeId: string } }>('/agents/:employeeId', async (req, reply) => {
    const a = c.getAgent(req.params.employeeId);
    return a ? agentView(a) : reply.code(404).send(notFound(req.params.employeeId));
  });
  app.get('/agents', async () => ({ agents: c.allAgents().map(agentView) }));
  app.delete<{ Params: { employeeId: string } }>('/agents/:employeeId/pin', async (req, reply) => {
    const a = c.unpin(req.params.employeeId);
    return a ? agentView(a) : reply.code(404).send(notFound(req.params.employeeId));
  });
  app.post('/switchover', async () => c.switchover());
  app.post('/kill-primary', async () => c.killPrimary());
  app.post('/restore-primary', async () => c.restorePrimary());
  app.get('/status', async () => c.status());
  // Our additions (benchmarks): the schedule's rate, and bursts.
  app.put('/schedule', async (req, reply) => {
    const body = z.object({ changesPerSecond: z.number().min(0).max(100_000) }).safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'body.changesPerSecond: 0 or more is expected' });
    c.setRate(body.data.changesPerSecond);
    return c.status();
  });
  // `count` unpinned agents take their next scheduled state at once.
  app.post('/burst', async (req, reply) => {
    const body = z.object({ count: z.number().int().min(1).max(1_000_000) }).safeParse(req.body);
    if (!body.success)
      return reply.code(400).send({ error: 'body.count: a whole number from 1 is expected' });
    return { changed: c.burst(body.data.count) };
  });
  return app;
}
