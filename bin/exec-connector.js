#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npm run build` has nothing to emit and the CLI
// always matches the checked-out code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
