import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { oggCrc32, readOggPages } from './ogg.ts';
import { buildOpusFile, opusFilePages, parseOpusFile } from './opus-file.ts';

describe('Ogg Opus builder', () => {
  it('uses the Ogg CRC-32 (0x04C11DB7, init 0, unreflected): crc("123456789") = 0x89A1897F', () => {
    assert.equal(oggCrc32(Buffer.from('123456789')), 0x89a1897f);
  });

  it('builds a mono file that parses back with its length, tags and pages', () => {
    const file = buildOpusFile({ durationMs: 1000, comments: { EXEC_SEGMENT: 'abc_1' } });
    const p = parseOpusFile(file);
    assert.equal(p.channels, 1);
    assert.equal(p.preSkip, 312);
    assert.equal(p.samples, 48000);
    assert.equal(p.durationMs, 1000);
    assert.equal(p.audioPackets, 51); // 50 frames plus the 312 samples of pre-skip
    assert.equal(p.pages, 4);
    assert.deepEqual(p.comments, { EXEC_SEGMENT: 'abc_1' });
    const pages = readOggPages(file);
    assert.equal(pages[2]!.granule, 50n * 960n);
    assert.equal(pages[3]!.granule, 312n + 48000n);
    assert.deepEqual(
      pages.map((pg) => pg.flags),
      [0x02, 0, 0, 0x04],
    );
  });

  it('builds stereo to the sample, trimming the end, and spreads packets 50 to a page', () => {
    const p = parseOpusFile(buildOpusFile({ durationMs: 2501, channels: 2 }));
    assert.equal(p.channels, 2);
    assert.equal(p.samples, 2501 * 48);
    assert.equal(p.audioPackets, 126);
    assert.equal(p.pages, 2 + 3);
    assert.equal(parseOpusFile(buildOpusFile({ durationMs: 0, preSkip: 0 })).audioPackets, 1);
  });

  it('is reproducible for the same tags and differs between segments', () => {
    const a = buildOpusFile({ durationMs: 200, comments: { EXEC_SEGMENT: 'a' } });
    assert.deepEqual(a, buildOpusFile({ durationMs: 200, comments: { EXEC_SEGMENT: 'a' } }));
    assert.notDeepEqual(a, buildOpusFile({ durationMs: 200, comments: { EXEC_SEGMENT: 'b' } }));
  });

  it('streams page by page: the pages concatenate to the whole file', () => {
    const o = { durationMs: 61_000, comments: { k: 'v' } };
    const pages = [...opusFilePages(o)];
    assert.equal(pages.length, 2 + 62); // 3051 packets
    assert.deepEqual(Buffer.concat(pages), buildOpusFile(o));
  });

  it('rejects a damaged file, naming the page', () => {
    const file = buildOpusFile({ durationMs: 3000 });
    const bad = Buffer.from(file);
    bad[bad.length - 10] = bad[bad.length - 10]! ^ 0xff;
    assert.throws(() => parseOpusFile(bad), /Ogg page 5 at byte \d+: CRC mismatch/);
    assert.throws(() => parseOpusFile(file.subarray(0, file.length - 2)), /truncated body/);
  });

  it('pads packets to a bitrate when asked, reproducibly, and refuses sizes Opus does not allow', () => {
    const o = { durationMs: 60_000, packetBytes: 80, comments: { k: 'v' } };
    const file = buildOpusFile(o);
    assert.ok(
      file.length > 60 * 50 * 80 && file.length < 60 * 50 * 80 * 1.05,
      `${file.length} bytes for 1 min at 32 kbit/s`,
    );
    assert.deepEqual(file, buildOpusFile(o));
    assert.equal(parseOpusFile(file).durationMs, 60_000);
    assert.throws(
      () => buildOpusFile({ durationMs: 20, packetBytes: 1276 }),
      /packetBytes: 1276 \(expected 3-1275\)/,
    );
  });

  it('decodes with opus-tools (opusinfo, opusdec): mono, stereo and padded, the full length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-opus-'));
    try {
      for (const [channels, packetBytes] of [
        [1, 3],
        [2, 3],
        [2, 1275],
      ] as const) {
        const path = join(dir, `t${channels}.opus`);
        writeFileSync(path, buildOpusFile({ durationMs: 1500, channels, packetBytes, comments: { T: 'x' } }));
        const info = spawnSync('opusinfo', [path], { encoding: 'utf8' });
        assert.equal(info.error, undefined, 'opusinfo missing: apt-get install opus-tools');
        assert.equal(info.status, 0, info.stdout + info.stderr);
        assert.doesNotMatch(info.stdout + info.stderr, /WARNING|ERROR/i);
        assert.match(info.stdout, new RegExp(`Channels: ${channels}`));
        const wav = join(dir, `t${channels}.wav`);
        const dec = spawnSync('opusdec', ['--quiet', path, wav], { encoding: 'utf8' });
        assert.equal(dec.status, 0, dec.stderr);
        const pcm = readFileSync(wav);
        // 44-byte WAV header, then 16-bit samples per channel at 48 kHz.
        assert.equal((pcm.length - 44) / (2 * channels), 1500 * 48);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
