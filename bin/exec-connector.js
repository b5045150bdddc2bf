#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`); without a build, in a checkout, the TypeScript
// sources through tsx (a dev dependency). EXEC_CONNECTOR_FROM_SOURCE=1 forces the sources even where a
// dist/ exists (the test runner sets it, so tests never exercise a stale build).
import { existsSync } from 'node:fs';

const dist = new URL('../dist/cli/main.js', import.meta.url);
const fromSource = process.env.EXEC_CONNECTOR_FROM_SOURCE === '1' || !existsSync(dist);
let main;
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import(dist.href));
}
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A failure is final: a handle left open (a Redis client still retrying after a failed start) must not
// keep the process up, or no restart policy ever acts. Output is flushed by then.
if (code !== 0) setTimeout(() => process.exit(code), 1000).unref();
