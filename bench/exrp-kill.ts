// `npm run bench -- exrp-kill [--recordings 500] [--kill-every 20] [--fault-rate 0.1] [--webdav-outage 60]`:
// the resilience run at full length. Two EXRP processes work `--recordings` one-minute Opus files;
// every `--kill-every` seconds one of them is SIGKILLed (alternately) and replaced; Genesys Cloud fails
// `--fault-rate` of the upload-URL requests and of the PUTs; the WebDAV server is down for
// `--webdav-outage` seconds once, early in the run. Every recording must be uploaded exactly once and
// WebDAV left empty.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answeredCall } from '../src/lab/cloud-emulator/events/test-fixtures.ts';
import { oggOpusFile } from '../test/recording-provider/ogg-opus.ts';
import { ExrpProcess, postInteractionEnd, startWebdavBenchLab } from './_exrp-lab.ts';
import { report } from './_report.ts';

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name}: "${args[i + 1]}" is not a number`);
  return v;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(args: string[]): Promise<void> {
  const count = arg(args, 'recordings', 500);
  const killEvery = arg(args, 'kill-every', 20);
  const faultRate = arg(args, 'fault-rate', 0.1);
  const outageS = arg(args, 'webdav-outage', 60);
  const lab = await startWebdavBenchLab();
  const env = {
    ...lab.env('kill'),
    EXRP_JOB_LOCK_MS: '5000',
    EXRP_RETRY_BACKOFF_MS: '1000',
    EXRP_JOB_ATTEMPTS: '20',
  };
  const live: ExrpProcess[] = [];
  try {
    const call = answeredCall(lab.fixture);
    await lab.emu.call('POST', '/api/v2/events/conversations', call.batch);
    const audio = oggOpusFile(60, { payloadBytes: 80 });
    const names = Array.from({ length: count }, (_, i) => `kill-${i}.opus`);
    for (const n of names) writeFileSync(join(lab.webdavRoot, n), audio);
    live.push(await ExrpProcess.start(env), await ExrpProcess.start(env));
    if (faultRate > 0)
      await lab.emu.admin('PUT', 'faults', {
        rules: [
          { path: '/api/v2/uploads/recordings', method: 'POST', errorRate: faultRate },
          { path: '/upload/*', method: 'PUT', errorRate: faultRate },
        ],
      });
    const t0 = Date.now();
    for (const [i, file] of names.entries()) {
      const now = Date.now();
      await postInteractionEnd(live[i % 2]!.url, file, call.ids, now, now);
    }
    const outage = outageS > 0 ? sleep(5000).then(() => lab.webdavOutage(outageS * 1000)) : Promise.resolve();
    let kills = 0;
    let lastKill = Date.now();
    const stored = async () =>
      ((await lab.emu.admin('GET', 'recordings')).body as unknown as { fileName: string }[]).map(
        (r) => r.fileName,
      );
    for (;;) {
      const got = await stored();
      if (got.length >= count && lab.webdavFiles().length === 0) break;
      if (Date.now() - t0 > 30 * 60_000) throw new Error(`only ${got.length}/${count} after 30 minutes`);
      if (killEvery > 0 && Date.now() - lastKill >= killEvery * 1000) {
        const victim = live.splice(kills % 2, 1)[0]!;
        await victim.stop('SIGKILL');
        kills++;
        lastKill = Date.now();
        live.splice(kills % 2 === 1 ? 0 : 1, 0, await ExrpProcess.start(env));
      }
      await sleep(500);
    }
    await outage;
    const seconds = (Date.now() - t0) / 1000;
    const got = await stored();
    const per = new Map<string, number>();
    for (const n of got) per.set(n, (per.get(n) ?? 0) + 1);
    const duplicates = [...per.values()].filter((n) => n > 1).length;
    const missing = names.filter((n) => !per.has(n)).length;
    report('exrp-kill', [
      { metric: 'recordings', value: count },
      { metric: 'SIGKILLs (one instance every kill-every s)', value: kills },
      { metric: 'upload failure rate', value: faultRate },
      { metric: 'WebDAV outage', value: outageS, unit: 's' },
      { metric: 'run time', value: seconds, unit: 's' },
      { metric: 'recordings uploaded twice', value: duplicates, target: '0', ok: duplicates === 0 },
      { metric: 'recordings missing', value: missing, target: '0', ok: missing === 0 },
      {
        metric: 'files left in WebDAV',
        value: lab.webdavFiles().length,
        target: '0',
        ok: lab.webdavFiles().length === 0,
      },
    ]);
  } finally {
    for (const p of live) await p.stop('SIGKILL');
    await lab.stop();
  }
}
