// `npm ci --omit=dev` gives a working service: what `run <svc>` loads holds no dev dependency, no
// lab, no demo and no PGlite (those load only when `demo` or `lab` runs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { dynamicImports, importGraph, resolveRelative } from './import-graph.ts';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const registry = `${root}src/services/registry.ts`;
const LAB_ONLY = ['@electric-sql/pglite', '@electric-sql/pglite-socket'];

describe('what a service loads', () => {
  const services = dynamicImports(registry).map((s) => resolveRelative(registry, s));
  const graph = importGraph([`${root}src/cli/main.ts`, ...services]);

  it('walks the CLI and every service module', () => {
    assert.ok(services.length >= 2, `service modules found in ${registry}: ${services.join(', ')}`);
    assert.ok(graph.files.size > 50, `only ${graph.files.size} files reached`);
    assert.ok(graph.packages.has('fastify') && graph.packages.has('ioredis'));
  });

  it('reaches only production dependencies, and not PGlite', () => {
    for (const p of graph.packages) {
      assert.ok(p in pkg.dependencies, `${p} is imported by a service but is not a dependency`);
      assert.ok(!LAB_ONLY.includes(p), `${p} is imported by a service (the lab's only)`);
    }
    assert.ok('tsx' in pkg.devDependencies && !('tsx' in pkg.dependencies));
  });

  it('reaches no lab, demo or test file', () => {
    const bad = [...graph.files]
      .map((f) => f.slice(root.length))
      .filter((f) => !f.startsWith('src/') || /^src\/(lab|demo)\//.test(f) || f.endsWith('.test.ts'));
    assert.deepEqual(bad, []);
  });
});
