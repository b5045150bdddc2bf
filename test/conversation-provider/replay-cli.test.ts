// `exec-connector replay`: a SIP Server log through the tracker, the Genesys Cloud events printed as JSON
// lines (--dry-run) with the same ids EXCP would use, mappings from a file or from EXCS over HTTP.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { runReplay } from '../../src/cli/commands/replay.ts';
import { UserError } from '../../src/core/errors.ts';
import { encodeJsonLine, readTlibLog, isEvent } from '../../src/engage/tlib/index.ts';
import type { OutEvent } from '../../src/services/conversation-provider/core/api.ts';
import {
  buildDirectory,
  mappingsFileSchema,
} from '../../src/services/conversation-provider/inputs/directory.ts';
import { inject, makeWorld, play } from './scenario-world.ts';
import { linkFor } from '../../src/services/conversation-provider/replay/replay.ts';
import { startCloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import { saveOrg } from '../../src/lab/cloud-emulator/snapshot.ts';

const BIN = new URL('../../bin/exec-connector.js', import.meta.url).pathname;
const LOG = new URL('../fixtures/tlib/excp-replay.log', import.meta.url).pathname;
const MAPPINGS = new URL('../fixtures/tlib/excp-replay-mappings.json', import.meta.url).pathname;
const SITE = 'SIP_Switch_A';

const mappingsJson = JSON.parse(readFileSync(MAPPINGS, 'utf8')) as Record<string, unknown>;
const mappings = mappingsFileSchema.parse(mappingsJson);

/** A world whose org matches the fixture's mappings (its presence source included). */
function fixtureWorld() {
  const w = makeWorld();
  const sourceId = mappings.sourceId ?? '';
  w.org.sources.set(sourceId, { id: sourceId, name: 'Engage', type: 'User', deactivated: false });
  return { ...w, dir: buildDirectory(mappings) };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  let exit = 0;
  return {
    out,
    err,
    get exit() {
      return exit;
    },
    ctx: {
      io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) },
      setExit: (c: number) => (exit = c),
    },
  };
}

interface Line {
  type: OutEvent['tagged']['kind'];
  conversationId: string;
  callUuid: string;
  event: OutEvent['tagged']['event'];
}
const toOut = (l: Line): OutEvent => ({
  conversationId: l.conversationId,
  callUuid: l.callUuid,
  tagged: { kind: l.type, event: l.event } as OutEvent['tagged'],
});

describe('exec-connector replay', () => {
  it('--dry-run prints, for a SIP Server log, the events EXCP would inject: two conversations, the internal call left out', () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'replay', LOG, '--dry-run', '--mappings', MAPPINGS, '--site', SITE],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    assert.ok(lines.length > 20);
    assert.match(r.stderr, /note not-injected: internal/);
    assert.match(r.stderr, /replay: \d+ T-Lib events in, \d+ Genesys Cloud events out/);
    const w = fixtureWorld();
    // The same events fed in-process give the same output: the log round trip changes nothing.
    const events = readTlibLog(readFileSync(LOG, 'utf8')).messages.filter(isEvent);
    const expected = play(
      w,
      events.map((event) => ({ event, link: linkFor(event, w.dir, SITE), site: SITE })),
    );
    assert.deepEqual(lines.map(toOut), expected.events);
    const { rejected } = inject(w, lines.map(toOut));
    assert.deepEqual(rejected, []);
    assert.equal(w.org.conversations.size, 2);
    for (const c of w.org.conversations.values())
      for (const x of c.communications.values()) assert.ok(x.ended);
  });

  it('takes the mappings from EXCS over HTTP (bearer token), and says what is wrong', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
      const kind = (req.url ?? '').replace('/api/v1/mappings/', '');
      // EXCS's envelope (DESIGN §4): {status, data}.
      const data = kind === 'source' ? mappingsJson.source : { version: 3, [kind]: mappingsJson[kind] };
      const status = { code: data ? 0 : 40400, message: data ? 'OK' : 'not found' };
      res
        .writeHead(data ? 200 : 404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status, data: data ?? null }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const c = capture();
      const counts = await runReplay(LOG, { dryRun: true, site: SITE, excs: url }, c.ctx, {
        EXEC_API_TOKEN: 't0ken',
      });
      assert.ok(counts.out > 20 && c.out.length === counts.out);
      assert.ok(seen.every((s) => s.endsWith('Bearer t0ken')) && seen.length === 5);
      await assert.rejects(
        runReplay(LOG, { dryRun: true, excs: 'http://127.0.0.1:1' }, capture().ctx, {}),
        /EXCS .*--mappings/,
      );
    } finally {
      server.close();
    }
  });

  it('reads JSON lines of the T-Lib link (tlib convert output) the same way, reporting malformed lines', async () => {
    const events = readTlibLog(readFileSync(LOG, 'utf8')).messages.filter(isEvent);
    const file = join(mkdtempSync(join(tmpdir(), 'excp-replay-')), 'calls.jsonl');
    writeFileSync(file, [...events.map((e) => encodeJsonLine(e)), 'not json'].join('\n') + '\n');
    const fromLog = capture();
    const fromJsonl = capture();
    await runReplay(LOG, { dryRun: true, mappings: MAPPINGS, site: SITE }, fromLog.ctx);
    await runReplay(file, { dryRun: true, mappings: MAPPINGS, site: SITE }, fromJsonl.ctx);
    assert.deepEqual(fromJsonl.out, fromLog.out);
    assert.equal(fromJsonl.exit, 1);
    assert.ok(fromJsonl.err.some((l) => l.startsWith(`${file}:${events.length + 1}:`)));
  });

  it('sends the replayed events (same eventIds as the live path): a second replay applies nothing again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'excp-replay-send-'));
    const state = join(dir, 'org.json');
    saveOrg(state, fixtureWorld().org);
    const emulator = await startCloudEmulator({ port: 0, statePath: state, rateLimitPerMinute: 'off' });
    try {
      const env = {
        EXEC_GC_API_URL: emulator.url,
        EXEC_GC_AUTH_URL: emulator.url,
        EXEC_GC_CLIENT_ID: emulator.clientId,
        EXEC_GC_CLIENT_SECRET: emulator.clientSecret,
      };
      const dry = capture();
      await runReplay(LOG, { dryRun: true, mappings: MAPPINGS, site: SITE }, dry.ctx);
      const first = capture();
      const counts = await runReplay(LOG, { mappings: MAPPINGS, site: SITE }, first.ctx, env);
      assert.equal(first.out.length, 0, 'nothing on stdout when sending');
      assert.equal(first.exit, 0, first.err.join('\n'));
      const audit = async () =>
        (await (await fetch(`${emulator.url}/__emulator/audit`)).json()) as {
          events: { eventId: string; status: string }[];
        };
      const a1 = await audit();
      const accepted = a1.events.filter((e) => e.status === 'accepted').map((e) => e.eventId);
      assert.equal(accepted.length, counts.out);
      assert.deepEqual(
        new Set(accepted),
        new Set(dry.out.map((l) => (JSON.parse(l) as Line).event.eventId)),
        'the eventIds the dry run prints',
      );
      // Again: every eventId is known, so nothing is applied twice (the emulator answers duplicates).
      const second = capture();
      await runReplay(LOG, { mappings: MAPPINGS, site: SITE }, second.ctx, env);
      const a2 = (await audit()).events.slice(a1.events.length);
      assert.equal(a2.filter((e) => e.status === 'accepted').length, 0);
      assert.equal(a2.filter((e) => e.status === 'duplicate').length, counts.out);
      assert.equal(second.exit, 1, 'the refused events are reported');
      assert.ok(second.err.some((l) => new RegExp(`${counts.out} rejected`).test(l)));
    } finally {
      await emulator.stop();
    }
  });

  it('refuses a bad format and bad mappings, and sending without Genesys Cloud settings, each with a clear error', async () => {
    await assert.rejects(
      runReplay(LOG, { mappings: MAPPINGS, site: SITE, excs: 'http://127.0.0.1:1' }, capture().ctx, {}),
      (e: Error) => e instanceof UserError && /EXCS .*EXEC_GC_API_URL/.test(e.message),
    );
    await assert.rejects(
      runReplay(LOG, { dryRun: true, format: 'csv', mappings: MAPPINGS }, capture().ctx),
      /--format must be tlib-log or jsonl/,
    );
    await assert.rejects(
      runReplay(LOG, { dryRun: true, mappings: LOG }, capture().ctx),
      /--mappings .*not JSON/,
    );
  });
});
