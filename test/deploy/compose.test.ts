// The compose files `init` copies to each VM: one per service instance the .env places, each valid
// compose YAML whose `${VAR}` references are catalogue variables the .env sets, and accepted by
// `docker-compose config` (Debian's compose client) with the .env init writes next to them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { excpPairVariables, VARIABLES } from '../../src/core/config/variables.ts';
import { composeTargets, renderCompose } from '../../src/deploy/compose.ts';
import { renderRemoteEnv } from '../../src/deploy/envfile.ts';
import { envText, VALID_ENV } from '../foundation/fixtures.ts';

const ENV: Record<string, string> = {
  ...VALID_ENV,
  EXCP_2_VM_HOST_PAIR: '10.0.0.22,10.0.0.23',
  EXCP_2_PORT: '3652',
  EXCP_2_TAG: '1.1.0',
  EXCP_2_LOG_FILE_NAME: 'excp2.log',
  EXRP_VM_HOST_LIST: '10.0.0.30,10.0.0.31',
  EXRP_PORT: '8080',
  EXRP_TAG: '2.0.0',
};
const CATALOGUE = new Set([
  ...VARIABLES.map((v) => v.name),
  ...[1, 2].flatMap((n) => excpPairVariables(n).map((v) => v.name)),
]);

interface ComposeService {
  image: string;
  container_name: string;
  command: string[];
  env_file: string[];
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  restart: string;
  healthcheck: { test: string[]; interval: string; retries: number };
}

/** What docker compose does with the .env next to the file: `${VAR}` → its value. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    assert.ok(CATALOGUE.has(name), `\${${name}} is not a deployment variable`);
    assert.ok(name in env, `\${${name}} is not set in the .env`);
    return env[name] as string;
  });
}

describe('compose files', () => {
  const targets = composeTargets(ENV);

  it('places every service instance on its VM, EXCS first, EXCP per pair and host, EXRP per host', () => {
    assert.deepEqual(
      targets.map((t) => `${t.service}${t.pair ?? ''}#${t.host}@${t.address} ${t.file}`),
      [
        'excs#1@10.0.0.10 excs.yml',
        'exas#1@10.0.0.11 exas.yml',
        'excp1#1@10.0.0.12 excp-1.yml',
        'excp1#2@10.0.0.13 excp-1.yml',
        'excp2#1@10.0.0.22 excp-2.yml',
        'excp2#2@10.0.0.23 excp-2.yml',
        'exrp#1@10.0.0.30 exrp.yml',
        'exrp#2@10.0.0.31 exrp.yml',
      ],
    );
  });

  it('renders image, command, ports, log volume, restart policy and healthcheck from the .env', () => {
    const tag = (t: (typeof targets)[number]): string =>
      t.service === 'excp'
        ? (ENV[`EXCP_${t.pair}_TAG`] as string)
        : (ENV[`${t.service.toUpperCase()}_TAG`] as string);
    const portOf = (t: (typeof targets)[number]): string =>
      t.service === 'excp'
        ? (ENV[`EXCP_${t.pair}_PORT`] as string)
        : (ENV[`${t.service.toUpperCase()}_PORT`] as string);
    for (const t of targets) {
      const text = renderCompose(t);
      assert.doesNotMatch(text, /\{\{/, `${t.file}: a placeholder is left`);
      const doc = parse(interpolate(text, ENV)) as { services: Record<string, ComposeService> };
      assert.deepEqual(Object.keys(doc.services), [t.service]);
      const s = doc.services[t.service] as ComposeService;
      const port = portOf(t);
      assert.equal(s.image, `registry.example.com/exec/${t.service}:${tag(t)}`);
      assert.deepEqual(s.command, t.service === 'excp' ? ['excp', '--pair', String(t.pair)] : [t.service]);
      assert.deepEqual(s.ports, [`${port}:${port}`]);
      assert.deepEqual(s.volumes, ['/var/log/exec:/rup/logs']);
      assert.deepEqual(s.env_file, ['.env']);
      assert.equal(s.restart, 'unless-stopped');
      assert.equal(s.environment.EXEC_HEALTH_URL, `http://127.0.0.1:${port}/health`);
      assert.equal(s.healthcheck.test[0], 'CMD');
      if (t.service === 'excp') assert.equal(s.container_name, `excp-${t.pair}-${t.host}`);
    }
    const excp2 = renderCompose(targets[4] as (typeof targets)[number]);
    assert.match(interpolate(excp2, ENV), /LOG_FILE_PATH: \/rup\/logs\/excp2\.log/);
  });

  it('docker-compose config accepts every file init writes, with the .env init writes next to it', () => {
    // Debian ships the compose client as `docker-compose` (1.29, Python; the `docker compose` plugin
    // comes only from Docker's own repository): it validates and interpolates without an engine.
    const dir = mkdtempSync(join(tmpdir(), 'exec-compose-'));
    const password = 'p$ss "w#rd';
    try {
      const local = { ...ENV };
      delete local.EXCS_CONFIG_DB_PASSWORD;
      writeFileSync(
        join(dir, '.env'),
        renderRemoteEnv(`${envText(local)}\n`, [['EXCS_CONFIG_DB_PASSWORD', password]], []),
      );
      for (const t of targets) {
        writeFileSync(join(dir, t.file), renderCompose(t));
        const r = spawnSync('docker-compose', ['-f', t.file, 'config'], { cwd: dir, encoding: 'utf8' });
        if (r.error)
          assert.fail(
            `docker-compose: ${r.error.message} (Debian: apt-get install docker-compose; .ci/run does)`,
          );
        assert.equal(r.status, 0, `${t.file}: ${r.stderr}`);
        const s = (parse(r.stdout) as { services: Record<string, ComposeService> }).services[t.service];
        assert.ok(s, `${t.file}: no ${t.service} service`);
        assert.match(s.image, new RegExp(`^registry\\.example\\.com/exec/${t.service}:\\d+\\.\\d+\\.\\d+$`));
        // The password reaches the container literally (compose prints a `$` as `$$`).
        assert.equal(s.environment.EXCS_CONFIG_DB_PASSWORD, password.replace('$', '$$$$'));
        assert.equal(s.environment.EXEC_HOST_LOGS_VOLUME_PATH, '/var/log/exec');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Dockerfile builds dist/, installs production dependencies only and runs as a non-root user', () => {
    const df = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    assert.equal(df.match(/^FROM node:20-slim/gm)?.length, 2);
    assert.match(df, /^RUN npm run build$/m);
    assert.match(df, /^RUN npm ci --omit=dev/m);
    assert.match(df, /^USER node$/m);
    assert.match(df, /^HEALTHCHECK .*\n.*EXEC_HEALTH_URL/m);
    assert.match(df, /^ENTRYPOINT \["node", "\/app\/bin\/exec-connector.js", "run"\]$/m);
  });
});
