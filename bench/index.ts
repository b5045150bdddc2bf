// `npm run bench -- <name> [args]`: runs bench/<name>.ts, which prints a table and a JSON line.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const [name, ...args] = process.argv.slice(2);
if (!name || !existsSync(`${dir}/${name}.ts`)) {
  console.error(`usage: npm run bench -- <${available.join('|') || 'name'}> [args]`);
  process.exit(2);
}
const mod = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void> };
try {
  await mod.run(args);
} finally {
  // The Redis and PostgreSQL a benchmark started through the test harness go with it.
  const { stopStartedServers } = await import('../test/harness/index.ts');
  await stopStartedServers();
}
process.exit(0);
