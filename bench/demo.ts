// `npm run bench -- demo [--agents 100]`: `exec-connector demo` as a newcomer runs it (a child process,
// embedded everything, the emulator's real 300 requests/minute limit), timed from the spawn: console
// ready, EXCS initial sync done, every synced user in the org, every agent in scope with a presence,
// the first conversation; then Ctrl-C (SIGINT) and how long the clean stop takes. Target: a synced org
// of 100 agents in under 60 s.
import { spawn } from 'node:child_process';
import { report, type BenchRow } from './_report.ts';
import { until } from '../test/harness/until.ts';

const BIN = new URL('../bin/exec-connector.js', import.meta.url).pathname;

/** The demo as on a fresh machine: embedded, whatever servers the test runner (or the shell) names. */
function embedded(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.REDIS_URL;
  delete env.DATABASE_URL;
  return env;
}

function arg(args: string[], name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : dflt;
}

interface View {
  summary: { users: number; conversations: number };
  tiles: { presence: string }[];
  services: { name: string; dependencies: { name: string; detail: string | null }[] }[];
}

export async function run(args: string[]): Promise<void> {
  const agents = Number(arg(args, 'agents', '100'));
  const t0 = performance.now();
  const s = () => Math.round(performance.now() - t0) / 1000;
  const child = spawn(
    process.execPath,
    [BIN, 'demo', '--agents', String(agents), '--free-ports', '--status-every', '0'],
    { env: embedded(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const limit = { timeoutMs: 180_000, intervalMs: 100 };
  try {
    const consoleUrl = await until('the console URL', () => /^console +(http:\S+)$/m.exec(out)?.[1], limit);
    const ready = s();
    const users = Number(
      await until('the initial sync', () => /EXCS initial sync done: (\d+) users/.exec(out)?.[1], limit),
    );
    const synced = s();
    const view = async () => (await (await fetch(`${consoleUrl}__emulator/console/view`)).json()) as View;
    await until('every synced user in the org', async () => (await view()).summary.users >= users, limit);
    const inOrg = s();
    const scope = Number(
      await until(
        'EXAS scope',
        async () => {
          const exas = (await view()).services.find((x) => x.name === 'exas');
          const detail = exas?.dependencies.find((d) => d.name === 'excs')?.detail ?? '';
          return /(\d+) agents in scope/.exec(detail)?.[1];
        },
        limit,
      ),
    );
    await until(
      'a presence for every agent in scope',
      async () => (await view()).tiles.filter((t) => t.presence !== 'no presence yet').length >= scope,
      limit,
    );
    const presence = s();
    await until('the first conversation', async () => (await view()).summary.conversations > 0, limit);
    const firstConversation = s();
    const stopAt = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    const stopS = Math.round(performance.now() - stopAt) / 1000;
    const rows: BenchRow[] = [
      { metric: 'console ready', value: ready, unit: 's' },
      {
        metric: `EXCS initial sync done (${users} users)`,
        value: synced,
        unit: 's',
        target: '< 60',
        ok: synced < 60,
      },
      { metric: 'every synced user in the org', value: inOrg, unit: 's', target: '< 60', ok: inOrg < 60 },
      { metric: `presence for all ${scope} agents in scope`, value: presence, unit: 's' },
      { metric: 'first conversation', value: firstConversation, unit: 's' },
      { metric: 'Ctrl-C to exit', value: stopS, unit: 's', target: 'exit 0', ok: code === 0 },
    ];
    report('demo', rows, { agents });
  } catch (err) {
    child.kill('SIGINT');
    await exited;
    console.error(out);
    throw err;
  }
}
