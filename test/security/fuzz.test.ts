// The fuzz test of issue 16 ("Done when"), short: at least 10,000 malformed inputs in all, thrown at a
// running EXCS (HTTP), at the Stat Server link client (a hostile server) and at the T-Lib log reader.
// No crash, no 5xx, no /api answer without the token, every bad input reported once (or counted), and
// nothing valid lost. The long run is `npm run bench -- fuzz [count]` (docs/security.md).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/core/logger.ts';
import { initialSync, startRig, type Rig } from '../config-sync/harness.ts';
import { CapturedLines } from '../foundation/capture.ts';
import { fuzzHttp, fuzzLogBlocks, fuzzStatLink } from '../harness/fuzz.ts';

const SIZE = Number(process.env.FUZZ_COUNT ?? 3500);
const SEED = Number(process.env.FUZZ_SEED ?? 16);
const TOKEN = 'fuzz-api-token-0123456789';

describe(`fuzz: ${SIZE} inputs each at HTTP, the Stat Server link and the T-Lib log reader`, () => {
  let rig: Rig;
  let url = '';
  before(async () => {
    rig = await startRig(5, 'sec_fuzz');
    rig.vars.EXEC_API_TOKEN = TOKEN;
    const { running, sync } = await rig.startExcs();
    await initialSync(sync);
    url = running.url;
  });
  after(() => rig.close());

  it('HTTP: no 5xx, no /api answer without the token, nothing accepted lost', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const before = (await (await fetch(`${url}/api/v1/mappings/users`, { headers: auth })).json()) as {
      data: { version: number; users: unknown[] };
    };
    const r = await fuzzHttp(url, {
      count: SIZE,
      seed: SEED,
      token: TOKEN,
      secrets: ['exec-lab-secret'],
    });
    assert.deepEqual(r.problems, []);
    assert.ok(r.requests + r.raw >= SIZE);
    const after = (await (await fetch(`${url}/api/v1/mappings/users`, { headers: auth })).json()) as {
      data: { version: number; users: unknown[] };
    };
    assert.equal(after.data.users.length, before.data.users.length);
    assert.equal((await fetch(`${url}/health`)).status, 200);
  });

  it('Stat Server link: every bad line reported once, every valid update delivered, the log bounded', async () => {
    const out = new CapturedLines();
    const logger = await createLogger({ service: 'exas', destination: out });
    const r = await fuzzStatLink({
      count: SIZE,
      seed: SEED,
      logger,
      countWarnings: () => out.lines.filter((l) => l.includes('malformed Stat Server message')).length,
    });
    assert.equal(r.updates, r.valid, 'valid updates lost');
    assert.equal(r.reported, r.bad, 'bad lines not reported exactly once');
    assert.ok(r.bad > SIZE / 2);
    assert.ok(r.warnings <= 10, `${r.warnings} warning lines for ${r.bad} bad lines`);
    assert.ok(out.json().every((l) => typeof l.msg === 'string'));
  });

  it('T-Lib log reader: every bad block reported once at its line, every good block read', () => {
    const r = fuzzLogBlocks({ count: SIZE, seed: SEED });
    assert.equal(r.messages, r.valid);
    assert.equal(r.errors, r.bad);
    assert.equal(r.misplaced, 0);
    assert.ok(r.bad > SIZE / 3);
  });
});
