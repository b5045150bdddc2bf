// The demo as a newcomer sees it, in a real browser (Debian's chromium through playwright-core): the
// demo starts, the console fills with the synced agents, tiles change state, a scenario played from the
// operator panel appears as a conversation timeline, and after an EXCP instance is killed from the panel
// new conversations still arrive; the played call's recording appears beside it and plays. Screenshots go to test-artifacts/console/ (gitignored).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { until } from '../harness/index.ts';

const BIN = new URL('../../bin/exec-connector.js', import.meta.url).pathname;

/** The demo as on a fresh machine: embedded, whatever servers the test runner (or the shell) names. */
function embedded(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.REDIS_URL;
  delete env.DATABASE_URL;
  return env;
}
const ARTIFACTS = new URL('../../test-artifacts/console/', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the demo in a browser', { timeout: 180_000 }, () => {
  let out = '';
  let child: ReturnType<typeof spawn>;
  let exited: Promise<number | null>;
  let browser: BrowserContext;
  let page: Page;
  let consoleUrl = '';
  const profile = mkdtempSync(join(tmpdir(), 'exec-chromium-'));
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    child = spawn(
      process.execPath,
      [BIN, 'demo', '--agents', '12', '--caps', '0', '--no-changes', '--free-ports', '--status-every', '0'],
      { env: embedded(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    consoleUrl = await until(
      'the console URL',
      () => {
        if (child.exitCode !== null) throw new Error(`the demo exited early:\n${out}`);
        return /^console +(http:\S+)$/m.exec(out)?.[1];
      },
      60_000,
    );
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  });

  after(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
    if (child && child.exitCode === null) child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 0, out);
    assert.match(out, /demo stopped/);
  });

  it('shows the synced org, live agents, a played scenario and its recording, and rides out a killed EXCP instance', async () => {
    try {
      await walkThrough();
    } catch (err) {
      await shot('failure');
      throw err;
    }
  });

  async function walkThrough(): Promise<void> {
    const count = (selector: string) => page.locator(selector).count();
    const text = async (selector: string) => (await page.locator(selector).textContent()) ?? '';
    await page.goto(consoleUrl);
    const users = Number(
      await until('the initial sync', () => /EXCS initial sync done: (\d+) users/.exec(out)?.[1], 60_000),
    );
    assert.ok(users >= 8, out);
    await until(
      'every synced user on the wallboard',
      async () => (await count('#tiles .tile')) === users,
      20_000,
    );
    assert.equal(await text('#link-state'), 'live');
    await until(
      'every service healthy',
      async () => (await count('#health li[data-service] .UP')) >= 4,
      20_000,
    );
    await shot('1-synced');

    // Once EXCP has the synced directory, play one named scenario from the operator panel: its
    // conversation appears as a timeline with its agent, whose tile changes state (no reload).
    await until(
      'EXCP holding the synced directory',
      async () => /"users":[1-9]\d*,"queues":[1-9]/.test(await text('#health li[data-service="excp-1"]')),
      20_000,
    );
    const states = async () =>
      Object.fromEntries(
        await page.$$eval('#tiles .tile', (tiles) =>
          tiles.map((t) => [
            t.getAttribute('data-id'),
            `${t.getAttribute('data-presence')}|${t.getAttribute('data-routing')}`,
          ]),
        ),
      ) as Record<string, string>;
    const initial = await states();
    await page.selectOption('#op-play-scenario', 'answered-agent-hangs-up');
    await page.getByRole('button', { name: 'Play' }).click();
    const callUuid = await until(
      'the played call',
      async () => /call (\S+),/.exec(await text('#op-result'))?.[1],
      10_000,
    );
    const timeline = page.locator(`.conv[data-interaction-id="${callUuid}"]`);
    await timeline.locator('.row[data-purpose="user"]').first().waitFor({ timeout: 45_000 });
    await until(
      'an agent tile changing state',
      async () => {
        const now = await states();
        return Object.keys(now).some((id) => initial[id] !== undefined && initial[id] !== now[id]);
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    await until(
      'the agent on the call interacting',
      async () => (await count('#tiles .tile[data-tone="interacting"]')) > 0,
      20_000,
    );
    await timeline.scrollIntoViewIfNeeded();
    await shot('2-scenario-timeline');

    // Traffic from the panel, then kill an EXCP instance: its health goes away, conversations keep coming.
    await page.fill('#op-traffic-rate', '0.5');
    await page.getByRole('button', { name: 'Set call rate' }).click();
    await until('traffic on', async () => /0\.5 calls\/s/.test(await text('#op-result')), 10_000);
    await page.getByRole('button', { name: 'Kill EXCP-1' }).click();
    await until('excp-1 stopped', async () => /excp-1 stopped/.test(await text('#op-result')), 15_000);
    await page.locator('#health li[data-service="excp-1"] .unreachable').waitFor({ timeout: 15_000 });
    const ids = () => page.$$eval('.conv', (cs) => cs.map((c) => c.getAttribute('data-id') ?? ''));
    const seen = new Set(await ids());
    await until('a new conversation after the kill', async () => (await ids()).some((id) => !seen.has(id)), {
      timeoutMs: 40_000,
      intervalMs: 250,
    });
    await shot('3-after-excp-kill');

    // The recording path (on: redis-server is installed here): MCP recorded the played call's agent leg,
    // EXCP sent it through the load balancer to an EXRP, which uploaded it; the console plays it beside
    // the agent's row of that conversation.
    const audio = timeline.locator('.row[data-purpose="user"] audio, .recs audio').first();
    await audio.waitFor({ state: 'attached', timeout: 90_000 });
    const src = await audio.getAttribute('src');
    assert.ok(src, 'the recording has an audio URL');
    const played = await fetch(src);
    assert.equal(played.status, 200);
    assert.equal(played.headers.get('content-type'), 'audio/ogg');
    assert.equal((await played.arrayBuffer()).byteLength > 0, true);
    await audio.scrollIntoViewIfNeeded();
    await shot('4-recording');
    assert.doesNotMatch(out, /cannot build the view/);
  }
});
