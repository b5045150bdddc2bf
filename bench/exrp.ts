// `npm run bench -- exrp [--files 100] [--concurrency 4] [--sizes-mb 0.01,1,10,50,200] [--rate 3.33]
// [--seconds 30]`: the recording provider against real Redis, the lab WebDAV server and the emulator,
// each EXRP instance its own `run exrp` process (from dist/ when built), settings from EXRP_WEBDAV_* and
// EXEC_GC_*; RSS read from /proc.
// 1. Throughput: `--files` one-minute Ogg Opus files (mono 20 ms packets of 80 random bytes after the
//    CELT TOC, 32 kbit/s, ~240 KB; built by src/lab/engage/mcp/opus-file.ts) queued at once to one
//    instance: recordings per second per instance.
// 2. Memory: one file at a time of each size in `--sizes-mb` (random bytes, not Opus: size is what
//    matters), peak RSS of the instance during each (target: flat, under 200 MB).
// 3. Latency: two instances (N+1), interaction-ends arriving at `--rate` per second for `--seconds` (the
//    seeds' 1000 concurrent recording calls with 5-minute calls end 3.33 per second): time from the
//    interaction-end request to the recording stored by Genesys Cloud (p50, p95, max).
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { answeredCall, type CallIds } from '../src/lab/cloud-emulator/events/test-fixtures.ts';
import { ExrpProcess, postInteractionEnd, startWebdavBenchLab } from './_exrp-lab.ts';
import { report, type BenchRow } from './_report.ts';
import { oggOpusFile } from '../test/recording-provider/ogg-opus.ts';

function arg(args: string[], name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? String(args[i + 1]) : dflt;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Instance = ExrpProcess;

export async function run(args: string[]): Promise<void> {
  const files = Number(arg(args, 'files', '100'));
  const concurrency = arg(args, 'concurrency', '');
  const sizesMb = arg(args, 'sizes-mb', '0.01,1,10,50,200').split(',').map(Number);
  const rate = Number(arg(args, 'rate', '3.33'));
  const seconds = Number(arg(args, 'seconds', '30'));
  const lab = await startWebdavBenchLab();
  const instances: Instance[] = [];
  const start = async (prefix: string): Promise<Instance> => {
    const inst = await ExrpProcess.start({
      ...lab.env(prefix),
      ...(concurrency ? { EXRP_CONCURRENCY: concurrency } : {}),
    });
    instances.push(inst);
    return inst;
  };
  const rows: BenchRow[] = [];
  try {
    // A few conversations to link the recordings to.
    const convs: CallIds[] = [];
    for (let i = 0; i < 10; i++) {
      const c = answeredCall(lab.fixture);
      await lab.emu.call('POST', '/api/v2/events/conversations', c.batch);
      convs.push(c.ids);
    }
    let seq = 0;
    const postEnd = async (inst: Instance, file: string): Promise<{ file: string; at: number }> => {
      const c = convs[seq++ % convs.length]!;
      const now = Date.now();
      await postInteractionEnd(inst.url, file, c, now - 60_000, now);
      return { file, at: now };
    };
    const stored = async (): Promise<Map<string, number>> => {
      const list = (await lab.emu.admin('GET', 'recordings')).body as unknown as {
        fileName: string;
        storedAt: string;
      }[];
      return new Map(list.map((r) => [r.fileName, Date.parse(r.storedAt)]));
    };
    const waitAll = async (names: string[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = await stored();
        if (names.every((n) => s.has(n))) return s;
        if (Date.now() > deadline)
          throw new Error(`only ${names.filter((n) => s.has(n)).length}/${names.length} stored`);
        await sleep(200);
      }
    };

    // 2. Peak RSS by file size, one file at a time, on a fresh instance.
    const mem = await start('m');
    rows.push({ metric: 'RSS of an idle instance', value: Math.round((await mem.rss()) / 1e6), unit: 'MB' });
    const rssBySize: Record<string, number> = {};
    for (const mb of sizesMb) {
      const name = `size-${mb}mb.opus`;
      const bytes = Math.round(mb * 1024 * 1024);
      await pipeline(
        Readable.from(
          (function* () {
            for (let left = bytes; left > 0; left -= 1 << 20) yield randomBytes(Math.min(left, 1 << 20));
          })(),
        ),
        createWriteStream(join(lab.webdavRoot, name)),
      );
      mem.reset();
      await sleep(100);
      await postEnd(mem, name);
      await waitAll([name], 600_000);
      const rss = await mem.rss();
      rssBySize[`${mb}MB`] = Math.round(rss / 1e6);
      rows.push({
        metric: `peak RSS, ${mb} MB file`,
        value: Math.round(rss / 1e6),
        unit: 'MB',
        target: '< 200',
        ok: rss < 200e6,
      });
    }
    await mem.stop();
    // 1. Throughput, one instance.
    const one = await start('t');
    const opus = oggOpusFile(60, { payloadBytes: 80 });
    const names = Array.from({ length: files }, (_, i) => `bench-${i}.opus`);
    for (const n of names) writeFileSync(join(lab.webdavRoot, n), opus);
    const t0 = Date.now();
    await Promise.all(names.map((n) => postEnd(one, n)));
    await waitAll(names, 600_000);
    const secs = (Date.now() - t0) / 1000;
    rows.push({ metric: 'one-minute Opus file size', value: Math.round(opus.length / 1024), unit: 'KB' });
    rows.push({
      metric: `recordings/s, 1 instance (${files} files, concurrency ${concurrency || 'default'})`,
      value: files / secs,
      unit: '/s',
    });
    rows.push({
      metric: 'peak RSS during throughput',
      value: Math.round((await one.rss()) / 1e6),
      unit: 'MB',
      target: '< 200',
      ok: (await one.rss()) < 200e6,
    });

    const m = await (await fetch(`${one.url}/metrics`)).text();
    for (const st of ['archive', 'upload-url', 'upload', 'confirm', 'delete']) {
      const sum = Number(
        new RegExp(`^exec_exrp_stage_seconds_sum\\{[^}]*stage="${st}"[^}]*\\} (\\S+)$`, 'm').exec(m)?.[1] ??
          NaN,
      );
      const cnt = Number(
        new RegExp(`^exec_exrp_stage_seconds_count\\{[^}]*stage="${st}"[^}]*\\} (\\S+)$`, 'm').exec(m)?.[1] ??
          NaN,
      );
      rows.push({ metric: `  mean ${st} time`, value: (sum / cnt) * 1000, unit: 'ms' });
    }
    await one.stop();

    // 3. End → upload latency with two instances at the seeds' load.
    const pair = [await start('l'), await start('l')];
    const total = Math.max(1, Math.round(rate * seconds));
    const small = oggOpusFile(60, { payloadBytes: 80 });
    const posted: { file: string; at: number }[] = [];
    const tStart = Date.now();
    for (let i = 0; i < total; i++) {
      const name = `lat-${i}.opus`;
      writeFileSync(join(lab.webdavRoot, name), small);
      const due = tStart + (i / rate) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      posted.push(await postEnd(pair[i % 2]!, name));
    }
    const s = await waitAll(
      posted.map((p) => p.file),
      600_000,
    );
    const emptyBy = Date.now() + 60_000;
    while (lab.webdavFiles().length > 0 && Date.now() < emptyBy) await sleep(200);
    const lat = posted.map((p) => ((s.get(p.file) as number) - p.at) / 1000).sort((a, b) => a - b);
    const q = (x: number) => lat[Math.min(lat.length - 1, Math.floor(x * lat.length))] as number;
    rows.push({
      metric: `end → upload p50 (${rate}/s for ${seconds} s, 2 instances)`,
      value: q(0.5),
      unit: 's',
    });
    rows.push({ metric: 'end → upload p95', value: q(0.95), unit: 's' });
    rows.push({ metric: 'end → upload max', value: lat[lat.length - 1] as number, unit: 's' });
    rows.push({
      metric: 'files left in WebDAV',
      value: lab.webdavFiles().length,
      target: '0',
      ok: lab.webdavFiles().length === 0,
    });
    const mode = existsSync('dist/cli/main.js') ? 'compiled dist/' : 'sources through tsx';
    report('exrp', rows, { rssBySizeMb: rssBySize, instances: mode });
    console.log(`instances ran from ${mode} (npm run build first for the production figure)`);
  } finally {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL');
    await lab.stop();
  }
}
