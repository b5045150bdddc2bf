// What readers trip on, checked on the sources: every module is used (reachable from the CLI, the
// benchmarks, the tests or the scripts), nothing below the demo root imports it (the demo lists the
// components, so a component importing the list is a cycle), and every key name in store/keys.ts is used.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

/** The relative imports of a file, as paths from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) =>
    relative(ROOT, resolve(ROOT, dirname(file), m[1] ?? m[2] ?? '')),
  );
}

const sources = files('src').filter((f) => !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
const everything = [...files('src'), ...files('test'), ...files('bench'), ...files('scripts')];

test('every source module is imported by something', () => {
  const imported = new Set(everything.flatMap(importsOf));
  imported.add('src/cli/main.ts'); // bin/exec-connector.js loads it
  // A capability's index.ts is its public surface for the services still to come (EXCP, EXRP).
  const unused = sources.filter((f) => !imported.has(f) && !f.endsWith('/index.ts'));
  assert.deepEqual(unused, [], `modules nothing imports: ${unused.join(', ')}`);
});

test('nothing below the demo root imports it (no type cycles through src/demo)', () => {
  const offenders = sources
    .filter((f) => !f.startsWith('src/demo/') && !f.startsWith('src/cli/'))
    .filter((f) => importsOf(f).some((i) => i.startsWith('src/demo/')));
  assert.deepEqual(offenders, []);
});

test('every key name in store/keys.ts is used', () => {
  const text = readFileSync(join(ROOT, 'src/store/keys.ts'), 'utf8');
  const names = [...text.matchAll(/^ {2}(\w+): \(/gm)].map((m) => m[1] as string);
  assert.ok(names.length >= 5, `found the key names (${names.join(', ')})`);
  const uses = sources
    .filter((f) => f !== 'src/store/keys.ts')
    .map((f) => readFileSync(join(ROOT, f), 'utf8'))
    .join('\n');
  const unused = names.filter((n) => !new RegExp(`\\bkeys\\.${n}\\(`).test(uses));
  assert.deepEqual(unused, []);
});
