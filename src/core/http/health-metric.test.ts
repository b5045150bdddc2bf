import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { registerDependencyGauge } from './health-metric.ts';

describe('exec_dependency_up', () => {
  it('reports each health check at scrape time, critical or not', async () => {
    const registry = new Registry();
    let redisUp = true;
    registerDependencyGauge(registry, [
      { name: 'redis', check: () => ({ ok: redisUp }) },
      { name: 'genesys-cloud', critical: false, check: () => Promise.reject(new Error('refused')) },
    ]);
    const first = await registry.metrics();
    assert.match(first, /^exec_dependency_up\{dependency="redis",critical="true"\} 1$/m);
    assert.match(first, /^exec_dependency_up\{dependency="genesys-cloud",critical="false"\} 0$/m);
    redisUp = false;
    assert.match(await registry.metrics(), /^exec_dependency_up\{dependency="redis",critical="true"\} 0$/m);
  });
});
