import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VALID_ENV } from '../../../test/foundation/fixtures.ts';
import { ConfigError } from '../errors.ts';
import { formatProblem, loadEnv } from './load.ts';
import { loadServiceConfig } from './service-config.ts';
import { validateDeployment, validateService } from './validate.ts';
import { VARIABLES } from './variables.ts';

const problemsOf = (values: Record<string, string>): string[] =>
  validateDeployment(values).problems.map(formatProblem);

describe('validateDeployment (check-env)', () => {
  for (const names of [',', ' , ,', '   ']) {
    it(`folder filtering on with EXCS_SYNC_CUSTOMER_FOLDER_NAME=${JSON.stringify(names)} is an error`, () => {
      const problems = problemsOf({
        ...VALID_ENV,
        EXCS_SYNC_CUSTOMER_OBJECTS_ONLY: 'true',
        EXCS_SYNC_CUSTOMER_FOLDER_NAME: names,
      });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(
        problems[0]!,
        /^EXCS_SYNC_CUSTOMER_FOLDER_NAME: .*(lists no folder name|is not set|is empty)/,
      );
    });
  }

  it('accepts a complete no-media deployment', () => {
    assert.deepEqual(problemsOf(VALID_ENV), []);
  });

  it('reports every mandatory variable missing, all at once, one line each starting with the name', () => {
    const problems = problemsOf({});
    const mandatory = VARIABLES.filter(
      (v) => v.mandatory && !v.recording && v.name !== 'EXCS_CONFIG_DB_TYPE',
    ).map((v) => v.name);
    const excp = [
      'EXCP_1_VM_HOST_PAIR',
      'EXCP_1_PORT',
      'EXCP_1_TAG',
      'EXCP_1_VOICE_SERVER_VQ',
      'EXCP_1_VOICE_SERVER_AGENT',
      'EXCP_1_VOICE_SERVER_CALL',
      'EXCP_1_LOG_FILE_NAME',
    ];
    for (const name of [...mandatory, ...excp]) {
      assert.ok(
        problems.some((p) => p.startsWith(`${name}: is not set`)),
        `${name} not reported`,
      );
    }
    assert.equal(problems.length, mandatory.length + excp.length);
    assert.ok(mandatory.includes('EXEC_ORG_ID') && mandatory.includes('EXAS_STAT_SERVER_BACKUP_PORT'));
  });

  const malformed: [string, string, RegExp][] = [
    ['EXCP_1_PORT', '80a', /^EXCP_1_PORT: "80a" is not a port number \(expected 1-65535\)$/],
    ['EXCS_PORT', '70000', /^EXCS_PORT: "70000" is not a port number/],
    [
      'EXCP_1_VOICE_SERVER_VQ',
      'sip1:5000-sip2:5000',
      /^EXCP_1_VOICE_SERVER_VQ: .* is not of the form host:port\/host:port/,
    ],
    ['EXCP_1_VOICE_SERVER_CALL', 'sip1/sip2', /^EXCP_1_VOICE_SERVER_CALL: /],
    [
      'LOG_CONSOLE_LEVEL',
      'LOUD',
      /^LOG_CONSOLE_LEVEL: "LOUD" is not a log level \(expected one of OFF, FATAL/,
    ],
    ['EXCS_LOG_LEVEL', 'verbose', /^EXCS_LOG_LEVEL: "verbose" is not a log level/],
    ['EXCS_CONFIG_DB_SSL', 'yes', /^EXCS_CONFIG_DB_SSL: "yes" is not true or false/],
    ['EXCS_CONFIG_DB_TYPE', 'mysql', /^EXCS_CONFIG_DB_TYPE: "mysql" is not a Config DB type/],
    ['EXEC_ORG_ID', 'not-a-uuid', /^EXEC_ORG_ID: "not-a-uuid" is not a UUID/],
    ['LOG_FILE_SIZE', 'huge', /^LOG_FILE_SIZE: "huge" is not a size/],
  ];
  for (const [name, value, expected] of malformed) {
    it(`reports a malformed ${name} as a problem, not a crash`, () => {
      const problems = problemsOf({ ...VALID_ENV, [name]: value });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0] as string, expected);
    });
  }

  it('accepts log levels in any case and several SIP Server pairs', () => {
    assert.deepEqual(
      problemsOf({
        ...VALID_ENV,
        LOG_CONSOLE_LEVEL: 'debug',
        EXCS_LOG_LEVEL: 'TRACE',
        EXCP_1_VOICE_SERVER_VQ: 'a:1/b:2,c:3/d:4',
      }),
      [],
    );
  });

  it('requires the recording part only in a recording deployment', () => {
    const problems = problemsOf({ ...VALID_ENV, EXRP_PORT: '8080' });
    for (const name of [
      'EXCP_RECORDING_PROCESSOR_PROXY_HOST',
      'EXRP_VM_HOST_LIST',
      'EXRP_TAG',
      'EXRP_CONFIG_SERVER_PASSWORD',
    ]) {
      assert.ok(
        problems.some((p) => p.startsWith(`${name}: is not set`)),
        name,
      );
    }
    assert.ok(!problems.some((p) => p.startsWith('EXCP_GIR_HOST')));
  });

  it('never prints a secret value, even a malformed one', () => {
    const problems = problemsOf({ ...VALID_ENV, EXCS_CONFIG_DB_PASSWORD: '   ', EXEC_REDIS_SECURE: 'true' });
    assert.ok(problems.some((p) => p.startsWith('EXCS_CONFIG_DB_PASSWORD: is not set')));
    assert.ok(
      problems.some((p) => p.startsWith('EXEC_REDIS_PASSWORD: is not set but EXEC_REDIS_SECURE is true')),
    );
  });

  it('validates every EXCP pair present', () => {
    const problems = problemsOf({ ...VALID_ENV, EXCP_2_PORT: 'x' });
    assert.ok(problems.some((p) => p.startsWith('EXCP_2_PORT: "x" is not a port number')));
    assert.ok(problems.some((p) => p.startsWith('EXCP_2_VOICE_SERVER_VQ: is not set')));
  });
});

describe('validateService (run <svc>)', () => {
  it('requires only what the service uses', () => {
    const exas = validateService('exas', {
      EXEC_REDIS_HOST: 'r',
      EXEC_TENANT_ID: '1',
      EXAS_STAT_SERVER_PRIMARY_HOST: 'a',
      EXAS_STAT_SERVER_PRIMARY_PORT: '1',
      EXAS_STAT_SERVER_BACKUP_HOST: 'b',
      EXAS_STAT_SERVER_BACKUP_PORT: '2',
    });
    assert.deepEqual(exas.problems, []);
    assert.equal(exas.parsed.EXAS_PORT, 3630);
    const excs = validateService('excs', { EXEC_REDIS_HOST: 'r', EXEC_TENANT_ID: '1' }).problems.map(
      (p) => p.variable,
    );
    assert.deepEqual(excs.sort(), [
      'EXCS_CONFIG_DB_HOST',
      'EXCS_CONFIG_DB_NAME',
      'EXCS_CONFIG_DB_PASSWORD',
      'EXCS_CONFIG_DB_PORT',
      'EXCS_CONFIG_DB_USER',
    ]);
  });

  it('throws one ConfigError listing every problem', () => {
    assert.throws(
      () => loadServiceConfig('exas', { env: { EXAS_PORT: 'abc' } }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('EXAS_PORT: "abc"')) &&
        err.problems.some((p) => p.startsWith('EXAS_STAT_SERVER_PRIMARY_HOST: is not set')) &&
        err.problems.some((p) => p.startsWith('EXEC_REDIS_HOST: is not set')),
    );
  });

  it('builds the typed common configuration with the pinned EXEC_GC_* overrides', () => {
    const c = loadServiceConfig('excp', {
      env: {
        EXEC_REDIS_HOST: 'r',
        EXEC_TENANT_ID: '7',
        EXEC_GC_API_URL: 'http://127.0.0.1:3600',
        EXEC_GC_CLIENT_SECRET: 's3cret-value',
        EXCP_1_VOICE_SERVER_VQ: 'a:1/b:2',
        EXCP_1_VOICE_SERVER_AGENT: 'a:1/b:2',
        EXCP_1_VOICE_SERVER_CALL: 'a:1/b:2',
        EXCP_1_LOG_LEVEL: 'debug',
      },
    });
    assert.equal(c.gc.apiUrl, 'http://127.0.0.1:3600');
    assert.equal(c.redis.keyPrefix, 'exec:7:');
    assert.equal(c.log.serviceLevel, 'DEBUG');
    assert.ok(c.secrets.includes('s3cret-value'));
  });
});

describe('loadEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exec-env-'));

  it('reads X from X_FILE and remembers it as a secret', () => {
    writeFileSync(join(dir, 'pw'), 'from-file-secret\n');
    const l = loadEnv({ env: { EXCS_CONFIG_DB_PASSWORD_FILE: join(dir, 'pw') } });
    assert.equal(l.values.EXCS_CONFIG_DB_PASSWORD, 'from-file-secret');
    assert.deepEqual(l.secrets, ['from-file-secret']);
  });

  it('reports an unreadable X_FILE and X given twice', () => {
    const l = loadEnv({
      env: {
        EXEC_REDIS_PASSWORD_FILE: join(dir, 'missing'),
        EXEC_GC_CLIENT_SECRET: 'a',
        EXEC_GC_CLIENT_SECRET_FILE: join(dir, 'pw'),
      },
    });
    assert.deepEqual(l.problems.map((p) => p.variable).sort(), [
      'EXEC_GC_CLIENT_SECRET_FILE',
      'EXEC_REDIS_PASSWORD_FILE',
    ]);
    assert.match(
      formatProblem(l.problems.find((p) => p.variable === 'EXEC_REDIS_PASSWORD_FILE')!),
      /cannot read .*ENOENT/,
    );
  });

  it('ignores *_FILE variables of other tools, even pointing at a missing file', () => {
    writeFileSync(join(dir, 'pw2'), 'pair-secret\n');
    const l = loadEnv({
      env: {
        SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt',
        TF_CLI_CONFIG_FILE: join(dir, 'no-such-terraformrc'),
        LOG_FILE: join(dir, 'missing.log'),
        EXCP_3_PORT_FILE: join(dir, 'pw2'),
      },
    });
    assert.deepEqual(l.problems, []);
    assert.equal(l.values.TF_CLI_CONFIG, undefined);
    assert.equal(l.values.SSL_CERT, undefined);
    assert.equal(l.values.EXCP_3_PORT, 'pair-secret');
    const env = {
      ...VALID_ENV,
      SSL_CERT_FILE: join(dir, 'missing.pem'),
      TF_CLI_CONFIG_FILE: join(dir, 'missing'),
    };
    assert.equal(loadServiceConfig('excs', { env }).service, 'excs');
  });

  it("takes the seed's unprefixed folder-filter names as aliases, with a warning naming ours", () => {
    const l = loadEnv({
      env: { SYNC_CUSTOMER_OBJECTS_ONLY: 'true', SYNC_CUSTOMER_FOLDER_NAME: 'EX_EVOLUTION' },
    });
    assert.deepEqual(l.problems, []);
    assert.equal(l.values.EXCS_SYNC_CUSTOMER_OBJECTS_ONLY, 'true');
    assert.equal(l.values.EXCS_SYNC_CUSTOMER_FOLDER_NAME, 'EX_EVOLUTION');
    assert.deepEqual(l.warnings.map(formatProblem), [
      'SYNC_CUSTOMER_OBJECTS_ONLY: is an alias of EXCS_SYNC_CUSTOMER_OBJECTS_ONLY: set EXCS_SYNC_CUSTOMER_OBJECTS_ONLY instead',
      'SYNC_CUSTOMER_FOLDER_NAME: is an alias of EXCS_SYNC_CUSTOMER_FOLDER_NAME: set EXCS_SYNC_CUSTOMER_FOLDER_NAME instead',
    ]);
    const c = loadServiceConfig('excs', { env: { ...VALID_ENV, SYNC_CUSTOMER_FOLDER_NAME: 'A' } });
    assert.deepEqual(c.warnings, [
      'SYNC_CUSTOMER_FOLDER_NAME: is an alias of EXCS_SYNC_CUSTOMER_FOLDER_NAME: set EXCS_SYNC_CUSTOMER_FOLDER_NAME instead',
    ]);
  });

  it('refuses an alias and its preferred name set differently; the same value is only a warning', () => {
    const l = loadEnv({
      env: { SYNC_CUSTOMER_FOLDER_NAME: 'EX_PILOT', EXCS_SYNC_CUSTOMER_FOLDER_NAME: 'EX_EVOLUTION' },
    });
    assert.deepEqual(l.problems.map(formatProblem), [
      'SYNC_CUSTOMER_FOLDER_NAME: "EX_PILOT" differs from EXCS_SYNC_CUSTOMER_FOLDER_NAME="EX_EVOLUTION" (expected only EXCS_SYNC_CUSTOMER_FOLDER_NAME)',
    ]);
    assert.equal(l.values.EXCS_SYNC_CUSTOMER_FOLDER_NAME, 'EX_EVOLUTION');
    const same = loadEnv({
      env: { SYNC_CUSTOMER_OBJECTS_ONLY: 'true', EXCS_SYNC_CUSTOMER_OBJECTS_ONLY: 'true' },
    });
    assert.deepEqual(same.problems, []);
    assert.equal(same.warnings.length, 1);
  });

  it('lets the environment win over the env file', () => {
    writeFileSync(join(dir, '.env'), 'EXAS_PORT=1000\nEXCS_PORT=2000\n');
    const l = loadEnv({ envFile: join(dir, '.env'), env: { EXAS_PORT: '3000' } });
    assert.equal(l.values.EXAS_PORT, '3000');
    assert.equal(l.values.EXCS_PORT, '2000');
  });
});
