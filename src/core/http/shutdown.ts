// Graceful shutdown on SIGTERM/SIGINT: runs the closers once, in order, then lets the process end.
import type { Logger } from '../logger.ts';

export function onShutdown(logger: Logger, closers: (() => Promise<void> | void)[]): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const c of closers) {
        try {
          await c();
        } catch (err) {
          logger.error({ err }, 'error while shutting down');
        }
      }
    })();
    return closing;
  };
  const handler = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    void close();
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  return close;
}
