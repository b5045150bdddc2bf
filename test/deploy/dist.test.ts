// `npm run build` emits a complete dist/ that runs with plain Node: the bin prefers it, nothing in it
// imports a .ts file or reads a file from src/. Built into a copy of the package without src/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { envText, VALID_ENV } from '../foundation/fixtures.ts';

const root = new URL('../../', import.meta.url).pathname;
const pkgDir = mkdtempSync(join(tmpdir(), 'exec-dist-'));

function clean(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(EXEC_|EXCS_|EXAS_|EXCP_|EXRP_|LOG_)/.test(k) && k !== 'NODE_OPTIONS',
    ),
  );
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(pkgDir, 'bin/exec-connector.js'), ...args], {
    encoding: 'utf8',
    cwd: pkgDir,
    env: clean(),
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built CLI (dist/)', { timeout: 600_000 }, () => {
  before(() => {
    mkdirSync(join(pkgDir, 'bin'));
    copyFileSync(join(root, 'bin/exec-connector.js'), join(pkgDir, 'bin/exec-connector.js'));
    copyFileSync(join(root, 'package.json'), join(pkgDir, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(pkgDir, 'node_modules'));
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(
      process.execPath,
      [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(pkgDir, 'dist')],
      { encoding: 'utf8', timeout: 540_000 },
    );
    assert.equal(r.status, 0, `build failed:\n${r.stdout}${r.stderr}`);
  });

  it('prints its version (read from package.json at run time)', () => {
    const r = cli(['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+/);
  });

  it('check-env accepts a valid deployment and names each problem of a broken one', () => {
    const good = join(pkgDir, 'good.env');
    writeFileSync(good, envText(VALID_ENV));
    const ok = cli(['check-env', '--env-file', good]);
    assert.equal(ok.code, 0, ok.stderr);
    const bad = join(pkgDir, 'bad.env');
    writeFileSync(bad, envText({ ...VALID_ENV, EXCP_1_PORT: '80a' }));
    const r = cli(['check-env', '--env-file', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^EXCP_1_PORT: "80a" is not a port number/m);
  });

  it('run refuses a half-configured service with the variables it misses', () => {
    const r = cli(['run', 'excs']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /EXCS_CONFIG_DB_HOST/);
  });

  it('loads the demo and the lab on use (their help comes from the real commands)', () => {
    const demo = cli(['demo', '--help']);
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /--agents <n>/);
    const lab = cli(['lab', 'cloud', '--help']);
    assert.equal(lab.code, 0, lab.stderr);
    assert.match(lab.stdout, /--port/);
  });
});
