// Ogg Opus files without an encoder (RFC 7845 on RFC 3533): OpusHead, OpusTags, then 20 ms CELT silence
// packets, 50 to a page (fewer when padded to a bitrate). Granules count the decoded samples, pre-skip
// included (as libopus writes them), and the last page's granule trims the end so that the playable
// length is the asked duration to the sample. Every file is valid and decodable; its tags carry what makes
// it unique (the segment it stands for), so two recordings never share their bytes. Built page by page,
// so a long recording can be streamed without being held whole.
import { OGG_FLAG, oggCrc32, readOggPages, writeOggPage } from './ogg.ts';

export interface OpusFileOptions {
  /** Playable length, to the 48 kHz sample (at least one 20 ms frame). */
  durationMs: number;
  /** 1 (mono, the default) or 2 (stereo, as BYOC transcription prefers dual channel). */
  channels?: 1 | 2;
  /** Samples the decoder drops at the start (libopus writes 312). */
  preSkip?: number;
  vendor?: string;
  /** OpusTags user comments (`KEY=value`). */
  comments?: Record<string, string>;
  /** Ogg stream serial number (derived from the comments when not given, so files are reproducible). */
  serial?: number;
  /**
   * Bytes per 20 ms packet, 3 (the default: bare silence, 1.2 kbit/s) to 1275 (Opus's largest frame,
   * 510 kbit/s). The CELT decoder skips whatever follows the silence flag, so packets are padded with
   * pseudo-random bytes: files of a real bitrate's size (32 kbit/s = 80 bytes) that do not compress.
   */
  packetBytes?: number;
}

export const FRAME_MS = 20;
export const MAX_PACKET_BYTES = 1275;
const SAMPLES_PER_FRAME = 960; // 20 ms at Opus's 48 kHz granule clock
const PACKETS_PER_PAGE = 50;
/** TOC config 31 (CELT fullband 20 ms), code 0, then the range-coder bytes that decode as silence. */
const SILENCE = { 1: Uint8Array.of(0xf8, 0xff, 0xfe), 2: Uint8Array.of(0xfc, 0xff, 0xfe) } as const;

function opusHead(channels: number, preSkip: number): Buffer {
  const b = Buffer.alloc(19);
  b.write('OpusHead', 0, 'latin1');
  b.writeUInt8(1, 8);
  b.writeUInt8(channels, 9);
  b.writeUInt16LE(preSkip, 10);
  b.writeUInt32LE(48000, 12);
  b.writeInt16LE(0, 16);
  b.writeUInt8(0, 18); // mapping family 0: mono or stereo, no table
  return b;
}

function opusTags(vendor: string, comments: Record<string, string>): Buffer {
  const parts: Buffer[] = [Buffer.from('OpusTags', 'latin1')];
  const str = (s: string) => {
    const v = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(v.length);
    parts.push(len, v);
  };
  str(vendor);
  const entries = Object.entries(comments);
  const count = Buffer.alloc(4);
  count.writeUInt32LE(entries.length);
  parts.push(count);
  for (const [k, v] of entries) str(`${k}=${v}`);
  return Buffer.concat(parts);
}

/** 48 kHz samples a file of this duration plays. */
export function playableSamples(durationMs: number): number {
  return Math.max(SAMPLES_PER_FRAME, Math.round(durationMs * 48));
}

/** 20 ms packets needed to play `durationMs` after dropping `preSkip` samples. */
export function frameCount(durationMs: number, preSkip = 312): number {
  return Math.ceil((playableSamples(durationMs) + preSkip) / SAMPLES_PER_FRAME);
}

/** The pages of the file, one Buffer each, in order. */
export function* opusFilePages(o: OpusFileOptions): Generator<Buffer> {
  const channels = o.channels ?? 1;
  const preSkip = o.preSkip ?? 312;
  const comments = o.comments ?? {};
  const serial = o.serial ?? oggCrc32(Buffer.from(JSON.stringify(comments)));
  const frames = frameCount(o.durationMs, preSkip);
  const endGranule = BigInt(preSkip + playableSamples(o.durationMs));
  let sequence = 0;
  yield writeOggPage({
    flags: OGG_FLAG.bos,
    granule: 0n,
    serial,
    sequence: sequence++,
    packets: [opusHead(channels, preSkip)],
  });
  yield writeOggPage({
    flags: 0,
    granule: 0n,
    serial,
    sequence: sequence++,
    packets: [opusTags(o.vendor ?? 'exec-connector lab MCP', comments)],
  });
  const size = o.packetBytes ?? SILENCE[channels].length;
  if (!Number.isInteger(size) || size < 3 || size > MAX_PACKET_BYTES)
    throw new Error(`packetBytes: ${size} (expected 3-${MAX_PACKET_BYTES})`);
  const padding = new PaddingBytes(serial);
  // A page has at most 255 lacing values; a packet takes floor(size / 255) + 1 of them.
  const perPage = Math.min(PACKETS_PER_PAGE, Math.floor(255 / (Math.floor(size / 255) + 1)));
  for (let done = 0; done < frames;) {
    const n = Math.min(perPage, frames - done);
    done += n;
    yield writeOggPage({
      flags: done === frames ? OGG_FLAG.eos : 0,
      granule: done === frames ? endGranule : BigInt(done * SAMPLES_PER_FRAME),
      serial,
      sequence: sequence++,
      packets: Array.from({ length: n }, () => silencePacket(channels, size, padding)),
    });
  }
}

/** xorshift32: reproducible filler, one stream per file. */
class PaddingBytes {
  private x: number;
  constructor(seed: number) {
    this.x = seed >>> 0 || 0x9e3779b9;
  }
  fill(b: Uint8Array, from: number): void {
    for (let i = from; i < b.length; i++) {
      this.x ^= this.x << 13;
      this.x ^= this.x >>> 17;
      this.x ^= this.x << 5;
      b[i] = this.x & 0xff;
    }
  }
}

function silencePacket(channels: 1 | 2, size: number, padding: PaddingBytes): Uint8Array {
  const bare = SILENCE[channels];
  if (size === bare.length) return bare;
  const p = new Uint8Array(size);
  p.set(bare);
  padding.fill(p, bare.length);
  return p;
}

export function buildOpusFile(o: OpusFileOptions): Buffer {
  return Buffer.concat([...opusFilePages(o)]);
}

export interface ParsedOpusFile {
  channels: number;
  preSkip: number;
  inputSampleRate: number;
  vendor: string;
  comments: Record<string, string>;
  pages: number;
  audioPackets: number;
  /** 48 kHz samples played: the last granule position less the pre-skip. */
  samples: number;
  durationMs: number;
}

/** 48 kHz samples of one Opus packet, from its TOC byte (RFC 6716 §3.1). */
export function packetSamples(p: Uint8Array): number {
  if (p.length === 0) throw new Error('empty Opus packet');
  const toc = p[0]!;
  const config = toc >> 3;
  const frameMs =
    config < 12
      ? [10, 20, 40, 60][config % 4]!
      : config < 16
        ? [10, 20][config % 2]!
        : [2.5, 5, 10, 20][config % 4]!;
  const code = toc & 0x03;
  const frames = code === 0 ? 1 : code < 3 ? 2 : (p[1] ?? 0) & 0x3f;
  return Math.round(frames * frameMs * 48);
}

/**
 * Reads an Ogg Opus file back and checks the RFC 7845 layout: one logical stream, BOS page with only
 * OpusHead, OpusTags on its own page, audio on later pages with granules that match the packets, EOS last.
 */
export function parseOpusFile(data: Uint8Array): ParsedOpusFile {
  const pages = readOggPages(data);
  if (pages.length < 3) throw new Error(`an Ogg Opus file has at least 3 pages, this one ${pages.length}`);
  const serial = pages[0]!.serial;
  pages.forEach((p, i) => {
    if (p.serial !== serial) throw new Error(`page ${i}: serial ${p.serial}, the stream's is ${serial}`);
    if (p.sequence !== i) throw new Error(`page ${i}: sequence number ${p.sequence}`);
    if (p.openEnd) throw new Error(`page ${i}: a packet continues on the next page (not written by us)`);
    const bos = (p.flags & OGG_FLAG.bos) !== 0;
    const eos = (p.flags & OGG_FLAG.eos) !== 0;
    if (bos !== (i === 0)) throw new Error(`page ${i}: BOS flag ${bos ? 'set' : 'missing'}`);
    if (eos !== (i === pages.length - 1)) throw new Error(`page ${i}: EOS flag ${eos ? 'set' : 'missing'}`);
  });
  const [headPage, tagsPage] = pages as [(typeof pages)[0], (typeof pages)[0]];
  const head = Buffer.from(headPage.packets[0] ?? []);
  if (headPage.packets.length !== 1 || head.length < 19 || head.toString('latin1', 0, 8) !== 'OpusHead')
    throw new Error('page 0: not exactly one OpusHead packet');
  if (head.readUInt8(8) !== 1) throw new Error(`OpusHead: version ${head.readUInt8(8)}, expected 1`);
  const channels = head.readUInt8(9);
  if (channels < 1 || (head.readUInt8(18) === 0 && channels > 2))
    throw new Error(`OpusHead: ${channels} channels with mapping family ${head.readUInt8(18)}`);
  const preSkip = head.readUInt16LE(10);
  const tags = Buffer.from(tagsPage.packets[0] ?? []);
  if (
    tagsPage.packets.length !== 1 ||
    tags.toString('latin1', 0, 8) !== 'OpusTags' ||
    tagsPage.granule !== 0n
  )
    throw new Error('page 1: not exactly one OpusTags packet with granule 0');
  let at = 8;
  const str = (): string => {
    const n = tags.readUInt32LE(at);
    const s = tags.toString('utf8', at + 4, at + 4 + n);
    at += 4 + n;
    return s;
  };
  const vendor = str();
  const comments: Record<string, string> = {};
  for (let n = tags.readUInt32LE((at += 4) - 4); n > 0; n--) {
    const c = str();
    const eq = c.indexOf('=');
    if (eq > 0) comments[c.slice(0, eq)] = c.slice(eq + 1);
  }
  let decoded = 0;
  let audioPackets = 0;
  for (let i = 2; i < pages.length; i++) {
    const p = pages[i]!;
    if (p.packets.length === 0) throw new Error(`page ${i}: no audio packet`);
    for (const pkt of p.packets) {
      const tocChannels = pkt[0]! & 0x04 ? 2 : 1;
      if (tocChannels !== channels)
        throw new Error(`page ${i}: a ${tocChannels}-channel packet in a ${channels}-channel stream`);
      decoded += packetSamples(pkt);
      audioPackets++;
    }
    // Only the last page may end short of its packets (end trimming, RFC 7845 §4.4).
    const last = i === pages.length - 1;
    if (last ? p.granule > BigInt(decoded) : p.granule !== BigInt(decoded))
      throw new Error(`page ${i}: granule ${p.granule}, the packets decode to ${decoded} samples`);
  }
  const samples = Number(pages[pages.length - 1]!.granule) - preSkip;
  if (samples <= 0) throw new Error(`the last granule leaves ${samples} samples after the pre-skip`);
  return {
    channels,
    preSkip,
    inputSampleRate: head.readUInt32LE(12),
    vendor,
    comments,
    pages: pages.length,
    audioPackets,
    samples,
    durationMs: samples / 48,
  };
}
