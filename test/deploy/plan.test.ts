// The pure core of the bootstrap actions: which VMs and files each action touches, in which order, and
// the backup names of update (seed 003 "Maintenance").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupName, dateStamp, latestBackup } from '../../src/deploy/backups.ts';
import { stepCommand } from '../../src/deploy/commands.ts';
import { composeTargets, type ComposeTarget } from '../../src/deploy/compose.ts';
import { checkEnvLines, renderRemoteEnv } from '../../src/deploy/envfile.ts';
import {
  planInit,
  planRestart,
  planRollback,
  planStart,
  planStop,
  planUpdate,
  type Step,
} from '../../src/deploy/plan.ts';
import { collectSecrets, neededSecrets } from '../../src/deploy/secrets.ts';
import { selectTargets, SelectionUsageError } from '../../src/deploy/selection.ts';
import { VALID_ENV } from '../foundation/fixtures.ts';

const ENV = { ...VALID_ENV, EXRP_VM_HOST_LIST: '10.0.0.30,10.0.0.31' };
const ALL = composeTargets(ENV);
const URL = 'http://10.0.0.10:3640/status';
const render = (t: ComposeTarget): string => `${t.file}@${t.address}`;

const show = (steps: Step[]): string[] =>
  steps.map((s) => {
    switch (s.kind) {
      case 'check':
        return `check ${s.host}`;
      case 'write':
        return `write ${s.host} ${s.file}`;
      case 'backup':
        return `backup ${s.host} ${s.file} -> ${s.to}`;
      case 'restore':
        return `restore ${s.host} ${s.file} <- ${s.from}`;
      case 'compose':
        return `${s.verb} ${s.host} ${s.project}`;
      case 'waitExcs':
        return 'wait excs';
    }
  });

describe('selection (--service, --pair, --host)', () => {
  const sel = (service?: string, pair?: string, host?: string): string[] =>
    selectTargets(ALL, { service, pair, host }).map((t) => `${t.service}${t.pair ?? ''}@${t.address}`);

  it('narrows to a service, a pair, a host of the pair', () => {
    assert.equal(sel().length, 6);
    assert.deepEqual(sel('exas'), ['exas@10.0.0.11']);
    assert.deepEqual(sel('excp', '1'), ['excp1@10.0.0.12', 'excp1@10.0.0.13']);
    assert.deepEqual(sel('excp', '1', '2'), ['excp1@10.0.0.13']);
    assert.deepEqual(sel('EXRP', undefined, '2'), ['exrp@10.0.0.31']);
  });

  it('refuses flags that do not fit together (usage) and an instance the .env does not place', () => {
    for (const [s, p, h] of [
      [undefined, '1', undefined],
      ['exas', '1', undefined],
      ['excs', undefined, '1'],
      ['excp', undefined, '1'],
      ['nope', undefined, undefined],
      ['excp', '0', undefined],
    ] as const)
      assert.throws(() => sel(s, p, h), SelectionUsageError, `${s} ${p} ${h}`);
    assert.throws(() => sel('excp', '2'), /the \.env places no EXCP pair 2/);
  });
});

describe('plans', () => {
  it('init checks every VM first, then writes .env and each compose file (EXCP per host)', () => {
    const plan = planInit(ALL.slice(0, 4), 'ENV', render);
    assert.deepEqual(show(plan.steps), [
      'check 10.0.0.10',
      'check 10.0.0.11',
      'check 10.0.0.12',
      'check 10.0.0.13',
      'write 10.0.0.10 .env',
      'write 10.0.0.10 excs.yml',
      'write 10.0.0.11 .env',
      'write 10.0.0.11 exas.yml',
      'write 10.0.0.12 .env',
      'write 10.0.0.12 excp-1.yml',
      'write 10.0.0.13 .env',
      'write 10.0.0.13 excp-1.yml',
    ]);
    const writes = plan.steps.filter((s): s is Extract<Step, { kind: 'write' }> => s.kind === 'write');
    // One secret body for every .env; each VM's compose file its own (the EXCP container name differs).
    assert.deepEqual(
      writes.map((w) => `${plan.bodies[w.body]?.secret ? 'secret' : 'plain'} ${plan.bodies[w.body]?.text}`),
      [
        'secret ENV',
        'plain excs.yml@10.0.0.10',
        'secret ENV',
        'plain exas.yml@10.0.0.11',
        'secret ENV',
        'plain excp-1.yml@10.0.0.12',
        'secret ENV',
        'plain excp-1.yml@10.0.0.13',
      ],
    );
  });

  it('start: EXCS, wait for Success, EXAS, EXCP, EXRP; no wait when EXCS starts alone or is not selected', () => {
    assert.deepEqual(
      show(planStart(ALL, URL).steps).filter((s) => !s.startsWith('check')),
      [
        'up 10.0.0.10 excs',
        'wait excs',
        'up 10.0.0.11 exas',
        'up 10.0.0.12 excp-1',
        'up 10.0.0.13 excp-1',
        'up 10.0.0.30 exrp',
        'up 10.0.0.31 exrp',
      ],
    );
    assert.deepEqual(show(planStart(selectTargets(ALL, { service: 'excs' }), URL).steps), [
      'check 10.0.0.10',
      'up 10.0.0.10 excs',
    ]);
    assert.ok(!show(planStart(ALL.slice(1), URL).steps).includes('wait excs'));
  });

  it('stop in reverse order; restart = stop all, then start in order', () => {
    const sel = ALL.slice(0, 3);
    assert.deepEqual(
      show(planStop(sel).steps).filter((s) => !s.startsWith('check')),
      ['down 10.0.0.12 excp-1', 'down 10.0.0.11 exas', 'down 10.0.0.10 excs'],
    );
    assert.deepEqual(
      show(planRestart(sel, URL).steps).filter((s) => !s.startsWith('check')),
      [
        'down 10.0.0.12 excp-1',
        'down 10.0.0.11 exas',
        'down 10.0.0.10 excs',
        'up 10.0.0.10 excs',
        'wait excs',
        'up 10.0.0.11 exas',
        'up 10.0.0.12 excp-1',
      ],
    );
  });

  it('update backs up every file of a VM where one differs, writes only what differs, skips equal VMs', () => {
    const sel = ALL.slice(0, 2);
    const remote = {
      '10.0.0.10': {
        files: { '.env': 'OLD', 'excs.yml': 'excs.yml@10.0.0.10' },
        backups: ['.env_23052023', 'excs.yml_01012023'],
      },
      '10.0.0.11': { files: { '.env': 'NEW', 'exas.yml': 'exas.yml@10.0.0.11' }, backups: [] },
    };
    const plan = planUpdate(sel, remote, () => 'NEW', render, '23052023');
    assert.deepEqual(show(plan.steps), [
      'backup 10.0.0.10 .env -> .env_23052023_2',
      'backup 10.0.0.10 excs.yml -> excs.yml_23052023',
      'write 10.0.0.10 .env',
    ]);
    assert.deepEqual(
      planUpdate(
        sel,
        {
          ...remote,
          '10.0.0.10': { ...remote['10.0.0.10'], files: { '.env': 'NEW', 'excs.yml': 'excs.yml@10.0.0.10' } },
        },
        () => 'NEW',
        render,
        '23052023',
      ).steps,
      [],
    );
    // A VM that never got init: nothing to back up, both files uploaded.
    assert.deepEqual(show(planUpdate(sel.slice(0, 1), {}, () => 'NEW', render, '23052023').steps), [
      'write 10.0.0.10 .env',
      'write 10.0.0.10 excs.yml',
    ]);
  });

  it('rollback restores each file from its latest backup; a VM without a .env backup is a gap', () => {
    const sel = ALL.slice(0, 2);
    const { plan, gaps } = planRollback(sel, {
      '10.0.0.10': [
        '.env_23052023',
        '.env_23052023_2',
        '.env_01062022',
        'excs.yml_23052023',
        'other_23052023',
      ],
      '10.0.0.11': ['exas.yml_23052023'],
    });
    assert.deepEqual(show(plan.steps), [
      'restore 10.0.0.10 .env <- .env_23052023_2',
      'restore 10.0.0.10 excs.yml <- excs.yml_23052023',
    ]);
    assert.deepEqual(gaps, [{ host: '10.0.0.11', files: ['.env'] }]);
  });
});

describe('backup names (<name>_<ddmmyyyy>)', () => {
  it('dates, collisions and the latest one', () => {
    assert.equal(dateStamp(new Date(2023, 4, 3)), '03052023');
    assert.equal(backupName('.env', '23052023', new Set()), '.env_23052023');
    assert.equal(
      backupName('.env', '23052023', new Set(['.env_23052023', '.env_23052023_2'])),
      '.env_23052023_3',
    );
    assert.equal(
      latestBackup('.env', [
        '.env_31122022',
        '.env_01012023',
        '.env_01012023_10',
        '.env_01012023_9',
        'x.env_02012023',
      ]),
      '.env_01012023_10',
    );
    assert.equal(latestBackup('excs.yml', ['.env_01012023']), undefined);
  });
});

describe('the .env the VMs get', () => {
  it('reports every line that is not NAME=value, and an unclosed quote', () => {
    const problems = checkEnvLines(
      '# c\n\nA=1\nexport B="x"\nnot a line\nC=\'multi\nline\'\n=5\nD="open',
      'd.env',
    );
    assert.deepEqual(
      problems.map((p) => p.variable),
      ['d.env:5', 'd.env:8', 'd.env:9'],
    );
  });

  it('drops the *_FILE lines, appends the secrets single-quoted, refuses what a .env cannot carry', () => {
    const text = 'A=1\nEXCS_CONFIG_DB_PASSWORD_FILE=/run/pw\nB=2';
    const out = renderRemoteEnv(
      text,
      [['EXCS_CONFIG_DB_PASSWORD', 'p$ss word"1']],
      ['EXCS_CONFIG_DB_PASSWORD', 'EXCS_CONFIG_DB_PASSWORD_FILE'],
    );
    assert.match(out, /^A=1\nB=2\n\n# .*\nEXCS_CONFIG_DB_PASSWORD='p\$ss word"1'\n$/);
    assert.equal(renderRemoteEnv(text, [['X', 'v']], []), renderRemoteEnv(text, [['X', 'v']], []));
    assert.throws(
      () => renderRemoteEnv(text, [['EXCS_CONFIG_DB_PASSWORD', "it's"]], []),
      /^UserError: EXCS_CONFIG_DB_PASSWORD: the value holds a single quote/,
    );
  });

  it('needs the Redis password only when secure, the Config Server one only with EXRP; prompts without a file', async () => {
    assert.deepEqual(
      neededSecrets(VALID_ENV).map((n) => n.name),
      ['EXCS_CONFIG_DB_PASSWORD'],
    );
    assert.deepEqual(
      neededSecrets({ ...ENV, EXEC_REDIS_SECURE: 'true' }).map((n) => n.name),
      ['EXCS_CONFIG_DB_PASSWORD', 'EXEC_REDIS_PASSWORD', 'EXRP_CONFIG_SERVER_PASSWORD'],
    );
    const local = { ...VALID_ENV, EXCS_CONFIG_DB_PASSWORD: '', EXEC_REDIS_SECURE: 'true' };
    const asked: string[] = [];
    const got = await collectSecrets({
      local,
      env: {},
      prompt: async (label) => (asked.push(label), `typed ${label}`),
    });
    assert.deepEqual(asked, ['Config DB password', 'Redis password']);
    assert.deepEqual(got, [
      ['EXCS_CONFIG_DB_PASSWORD', 'typed Config DB password'],
      ['EXEC_REDIS_PASSWORD', 'typed Redis password'],
    ]);
    await assert.rejects(
      collectSecrets({ local, env: {} }),
      /^UserError: EXCS_CONFIG_DB_PASSWORD: not given and there is no terminal .*EXCS_CONFIG_DB_PASSWORD_FILE/,
    );
    // A password in the operator's .env stays there (not returned to be appended again).
    assert.deepEqual(await collectSecrets({ local: VALID_ENV, env: {} }), []);
  });
});

describe('remote commands', () => {
  it('write in place atomically under umask 077; refuse names that would reach the shell unquoted', () => {
    assert.equal(
      stepCommand({ kind: 'write', host: 'h', file: '.env', body: 'env' }),
      'umask 077 && mkdir -p "$HOME/exec" && cat > "$HOME/exec/..env.part" && mv -f "$HOME/exec/..env.part" "$HOME/exec/.env"',
    );
    assert.throws(
      () => stepCommand({ kind: 'backup', host: 'h', file: '$(rm -rf ~)', to: 'x' }),
      /unsafe remote file name/,
    );
  });
});
