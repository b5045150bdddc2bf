import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { VALID_ENV } from '../../../test/foundation/fixtures.ts';
import { validateDeployment, validateService } from '../../core/config/validate.ts';
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
    it(`EXCS_CONFIG_DB_TYPE=${type}: opens without connecting; the first query loads the driver and says why it failed`, async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const settings = configDbSettingsFromEnv({
        ...ENV,
        EXCS_CONFIG_DB_HOST: '127.0.0.1',
        EXCS_CONFIG_DB_PORT: String(port),
        EXCS_CONFIG_DB_TYPE: type,
      });
      const c = openConfigDb(settings, { connectTimeoutMs: 3000 });
      assert.equal(c.description, `${type} genesys@127.0.0.1:${port}/config`);
      assert.equal(c.client.dialect.type, type);
      await assert.rejects(
        c.ping(),
        (err: Error) =>
          /could not be established|Failed to connect/.test(err.message) &&
          !err.message.includes('pw-secret'),
      );
      await c.close();
    });
  }

  it('check-env and run excs accept the same Config DB types, and the reader opens each of them', () => {
    for (const type of ['postgresql', 'oracle', 'mssql', 'ORACLE', 'sybase', 'mysql']) {
      const env = { ...VALID_ENV, EXCS_CONFIG_DB_TYPE: type };
      const deployment = validateDeployment(env).problems.filter((p) => p.variable === 'EXCS_CONFIG_DB_TYPE');
      const run = validateService('excs', env).problems.filter((p) => p.variable === 'EXCS_CONFIG_DB_TYPE');
      assert.deepEqual(run, deployment, type);
      const opens = (() => {
        try {
          void openConfigDb(configDbSettingsFromEnv(env)).close();
          return true;
        } catch (err) {
          assert.ok(err instanceof ConfigError, String(err));
          return false;
        }
      })();
      assert.equal(opens, deployment.length === 0, `${type}: check-env and the reader disagree`);
      assert.equal(opens, ['postgresql', 'oracle', 'mssql'].includes(type.toLowerCase()), type);
    }
    assert.throws(() => assertSupportedDialect('sybase'), /EXCS_CONFIG_DB_TYPE: "sybase" is not supported/);
  });

  it('postgresql opens a pool without connecting yet', async () => {
    const c = openConfigDb(configDbSettingsFromEnv(ENV));
    assert.equal(c.description, 'postgresql genesys@cfgdb.example:5432/config');
    await c.close();
  });
});
