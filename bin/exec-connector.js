#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npm run build` has nothing to emit and the CLI
// always matches the checked-out code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A failure is final: a handle left open (a Redis client still retrying after a failed start) must not
// keep the process up, or no restart policy ever acts. Output is flushed by then.
if (code !== 0) setTimeout(() => process.exit(code), 1000).unref();
