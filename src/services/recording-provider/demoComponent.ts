// EXRP as a demo component (src/demo/components.ts): two instances (8080, 8081, DESIGN §2) sharing one
// queue, against the demo's WebDAV server and Genesys Cloud emulator (ctx.urls.webdav, ctx.urls.cloud).
// With `queue: 'redis'` the queue is BullMQ on a private `redis-server` (no persistence) started from the
// PATH; with `queue: 'memory'` (no redis-server) both instances share one in-process MemoryJobQueue (not
// durable, memory-jobs.ts). Settings are given directly (the lab's account and OAuth client), not read
// from the Config DB.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { connect, createServer } from 'node:net';
import { commonConfig } from '../../core/config/service-config.ts';
import { createLogger } from '../../core/logger.ts';
import type { DemoComponent, StartedComponent } from '../../core/demo-component.ts';
import { LAB_WEBDAV } from '../../lab/engage/configdb/constants.ts';
import { MemoryStore } from '../../store/index.ts';
import { startService, type RunningService } from '../runtime.ts';
import { memoryJobs, MemoryJobQueue } from './memory-jobs.ts';
import { createRecordingProvider } from './service.ts';
import { exrpTuning } from './tuning.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => {
      c.destroy();
      resolve(false);
    });
  });
}

/** Whether `redis-server` is on the PATH: the demo runs the recording path only then. */
export function redisServerOnPath(path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, 'redis-server'), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

async function startPrivateRedis(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (spawnError)
      throw new Error(
        `the demo's recording path needs redis-server on the PATH (apt-get install redis-server): ${spawnError.message}`,
      );
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('redis-server did not start within 10 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, child };
}

export type DemoQueue = 'redis' | 'memory';

export function exrpDemoComponent(opts: { ports?: number[]; queue?: DemoQueue } = {}): DemoComponent {
  const queueKind = opts.queue ?? 'redis';
  return {
    name: 'exrp',
    async start(ctx): Promise<StartedComponent> {
      const cloud = ctx.urls['cloud'] ?? 'http://127.0.0.1:3600';
      const webdav = ctx.urls['webdav'] ?? 'http://127.0.0.1:8088/';
      const redis = queueKind === 'redis' ? await startPrivateRedis() : undefined;
      // One queue object for both instances: that is what makes them share the jobs.
      const memory = redis ? undefined : new MemoryJobQueue(exrpTuning({}));
      const running: RunningService[] = [];
      const urls: Record<string, string> = {};
      try {
        for (const [i, port] of (opts.ports ?? [8080, 8081]).entries()) {
          const config = commonConfig(
            'exrp',
            {
              EXRP_PORT: port,
              ...(redis ? { EXEC_REDIS_HOST: '127.0.0.1', EXEC_REDIS_PORT: redis.port } : {}),
              EXRP_JOB_LOCK_MS: 10_000,
            },
            [LAB_WEBDAV.password],
          );
          const logger = await createLogger({ service: 'exrp', settings: { consoleLevel: 'WARN' } });
          const s = await startService(
            {
              name: 'exrp',
              port: () => port,
              create: (deps) =>
                createRecordingProvider(deps, {
                  settings: {
                    webdav: { url: webdav, username: LAB_WEBDAV.user, password: LAB_WEBDAV.password },
                    cloud: {
                      apiUrl: cloud,
                      authUrl: cloud,
                      clientId: 'exec-lab',
                      clientSecret: 'exec-lab-secret',
                    },
                  },
                  ...(memory ? { jobs: memoryJobs(memory) } : {}),
                }),
            },
            // The runtime's own store is unused by EXRP (its state is the job queue).
            { config, store: new MemoryStore(), logger, host: '127.0.0.1' },
          );
          running.push(s);
          urls[`exrp${i + 1}`] = s.url;
        }
      } catch (err) {
        for (const s of running) await s.stop().catch(() => undefined);
        redis?.child.kill();
        throw err;
      }
      const where = redis ? 'one queue on a private Redis' : 'one in-memory queue, not durable';
      ctx.io.out(`EXRP: ${Object.values(urls).join(', ')} (${where})`);
      return {
        name: 'exrp',
        urls,
        services: running.map((s, i) => ({ name: `exrp-${i + 1}`, url: s.url, registry: s.deps.registry })),
        async stop() {
          for (const s of running) await s.stop();
          redis?.child.kill();
        },
      };
    },
  };
}
