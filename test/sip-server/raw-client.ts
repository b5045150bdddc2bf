// A bare T-Lib JSON-link client for tests: sends requests, collects every line the server sends.
import { connect, type Socket } from 'node:net';
import { until } from '../harness/index.ts';

export interface RawClient {
  lines: Record<string, unknown>[];
  send(obj: Record<string, unknown>): void;
  /** Resolves when `pred` holds for the lines received so far. */
  until(pred: (lines: Record<string, unknown>[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
  socket: Socket;
}

export async function rawClient(port: number): Promise<RawClient> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.setEncoding('utf8');
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(pending.slice(0, nl)) as Record<string, unknown>);
      pending = pending.slice(nl + 1);
    }
  });
  return {
    lines,
    socket,
    send: (obj) => socket.write(JSON.stringify(obj) + '\n'),
    until: async (pred, timeoutMs = 10_000) => {
      await until('lines from the server', () => pred(lines), { timeoutMs, intervalMs: 5 }).catch(
        (err: Error) => {
          throw new Error(`${err.message}; got ${lines.length} lines`);
        },
      );
    },
    close: () => socket.destroy(),
  };
}
