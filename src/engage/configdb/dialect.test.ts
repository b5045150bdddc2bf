import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../core/errors.ts';
import { assertSupportedDialect, openConfigDb } from './dialect.ts';
import { configDbSettingsFromEnv } from './settings.ts';

const ENV = {
  EXCS_CONFIG_DB_HOST: 'cfgdb.example',
  EXCS_CONFIG_DB_PORT: '5432',
  EXCS_CONFIG_DB_USER: 'genesys',
  EXCS_CONFIG_DB_PASSWORD: 'pw-secret',
  EXCS_CONFIG_DB_NAME: 'config',
};

describe('Config DB settings and dialects', () => {
  it('reads EXCS_CONFIG_DB_*, with postgresql and no SSL by default', () => {
    assert.deepEqual(configDbSettingsFromEnv(ENV), {
      type: 'postgresql',
      host: 'cfgdb.example',
      port: 5432,
      user: 'genesys',
      password: 'pw-secret',
      database: 'config',
      ssl: false,
    });
  });

  it('takes the password from EXCS_CONFIG_DB_PASSWORD_FILE, and SSL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfgdb-'));
    writeFileSync(join(dir, 'pw'), 'from-file\n');
    const { EXCS_CONFIG_DB_PASSWORD: _, ...rest } = ENV;
    const s = configDbSettingsFromEnv({
      ...rest,
      EXCS_CONFIG_DB_PASSWORD_FILE: join(dir, 'pw'),
      EXCS_CONFIG_DB_SSL: 'true',
    });
    assert.equal(s.password, 'from-file');
    assert.equal(s.ssl, true);
  });

  it('names every bad or missing setting, never the password', () => {
    const { EXCS_CONFIG_DB_HOST: _, ...rest } = ENV;
    assert.throws(
      () => configDbSettingsFromEnv({ ...rest, EXCS_CONFIG_DB_PORT: '80a' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('EXCS_CONFIG_DB_PORT')) &&
        err.problems.some((p) => p.startsWith('EXCS_CONFIG_DB_HOST')) &&
        !err.message.includes('pw-secret'),
    );
  });

  for (const type of ['oracle', 'mssql'] as const) {
    it(`EXCS_CONFIG_DB_TYPE=${type} answers "not supported yet" at start-up`, () => {
      const settings = configDbSettingsFromEnv({ ...ENV, EXCS_CONFIG_DB_TYPE: type });
      assert.equal(settings.type, type);
      assert.throws(
        () => openConfigDb(settings),
        /EXCS_CONFIG_DB_TYPE: "\w+" is not supported yet \(supported: postgresql\)/,
      );
      assert.throws(() => assertSupportedDialect(type), ConfigError);
    });
  }

  it('postgresql opens a pool without connecting yet', async () => {
    const c = openConfigDb(configDbSettingsFromEnv(ENV));
    assert.equal(c.description, 'postgresql genesys@cfgdb.example:5432/config');
    await c.close();
  });
});
