import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VALID_ENV } from '../../../test/foundation/fixtures.ts';
import { loadServiceConfig } from '../../core/config/service-config.ts';
import { exasOptions } from './module.ts';

test('the Stat Server tenant has its own variable, Resources by default, never TENANT_NAME', () => {
  const env = { ...VALID_ENV, TENANT_NAME: 'tenant001' };
  assert.equal(exasOptions(loadServiceConfig('exas', { env }), env).tenant, 'Resources');
  const own = { ...env, EXAS_STAT_SERVER_TENANT: 'Acme' };
  assert.equal(exasOptions(loadServiceConfig('exas', { env: own }), own).tenant, 'Acme');
});
