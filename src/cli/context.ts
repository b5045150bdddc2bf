// What every command gets: where to write, and a way to wait for Ctrl-C in long-running commands.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/** Resolves on the first SIGINT or SIGTERM (for `run`, `lab` and `demo`). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    // Signal handlers alone do not keep the event loop alive.
    const keepAlive = setInterval(() => {}, 1 << 30);
    const on = (sig: NodeJS.Signals): void => {
      clearInterval(keepAlive);
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
