// Writes docs/configuration.md from the variable catalogue, so the reference never drifts from the code.
// `node --import tsx scripts/gen-config-doc.ts` (a test fails when the file is stale).
import { writeFileSync } from 'node:fs';
import { configurationDoc } from '../src/core/config/doc.ts';

writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDoc());
