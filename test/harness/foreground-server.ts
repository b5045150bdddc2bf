// A system server binary (Apache, nginx) run in the foreground for a test: its stderr and error log kept
// for failure messages, killed if the test process exits first, waited for until `ready`, and stopped
// with the binary's own graceful signal. Its folder goes with it.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { until } from './until.ts';

export interface ForegroundServer {
  /** The server's error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

export async function startForegroundServer(o: {
  /** For messages: "apache2", "nginx". */
  name: string;
  bin: string;
  args: string[];
  /** The throwaway folder holding its configuration and logs: removed when it stops or fails to start. */
  dir: string;
  errorLogPath: string;
  /** What the wait is for (e.g. "Apache to answer") and how to tell. */
  waitingFor: string;
  ready(): Promise<boolean>;
  /** The binary's graceful stop (Apache: SIGTERM; nginx: SIGQUIT). */
  stopSignal: NodeJS.Signals;
}): Promise<ForegroundServer> {
  const child = spawn(o.bin, o.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let exited = false;
  // A test that dies before stop() must not leave the server behind (the master stops its workers).
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  child.once('exit', () => {
    exited = true;
    process.off('exit', onExit);
  });
  const errorLog = () => {
    try {
      return readFileSync(o.errorLogPath, 'utf8');
    } catch {
      return '';
    }
  };
  try {
    await until(
      o.waitingFor,
      async () => {
        if (exited) throw new Error(`${o.name} exited: ${stderr}${errorLog()}`);
        return o.ready();
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(o.dir, { recursive: true, force: true });
    throw err;
  }
  return {
    errorLog,
    async stop() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill(o.stopSignal);
        await gone;
      }
      rmSync(o.dir, { recursive: true, force: true });
    },
  };
}
