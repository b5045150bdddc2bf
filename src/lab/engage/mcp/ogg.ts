// Ogg pages (RFC 3533): the writer the Opus file builder uses and a reader that checks every page's
// CRC, for tests and for anything that wants to look inside a recording.

/** CRC-32 of Ogg: polynomial 0x04C11DB7, initial 0, not reflected, no final XOR. */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

export function oggCrc32(data: Uint8Array, crc = 0): number {
  let c = crc;
  for (const byte of data) c = ((c << 8) ^ CRC_TABLE[((c >>> 24) ^ byte) & 0xff]!) >>> 0;
  return c >>> 0;
}

export const OGG_FLAG = { continued: 0x01, bos: 0x02, eos: 0x04 } as const;

export interface OggPage {
  flags: number;
  granule: bigint;
  serial: number;
  sequence: number;
  /** Whole packets only: this writer never splits a packet across pages. */
  packets: Uint8Array[];
}

const HEADER = 27;

/** The lacing values of packets laid out on one page (a multiple of 255 ends with a 0). */
function lacing(packets: readonly Uint8Array[]): number[] {
  const out: number[] = [];
  for (const p of packets) {
    let n = p.length;
    while (n >= 255) {
      out.push(255);
      n -= 255;
    }
    out.push(n);
  }
  return out;
}

/** One encoded page, CRC included. Throws when the packets need more than 255 lacing values. */
export function writeOggPage(page: OggPage): Buffer {
  const lace = lacing(page.packets);
  if (lace.length > 255) throw new Error(`an Ogg page holds at most 255 lacing values, not ${lace.length}`);
  const bodyLength = page.packets.reduce((n, p) => n + p.length, 0);
  const buf = Buffer.alloc(HEADER + lace.length + bodyLength);
  buf.write('OggS', 0, 'latin1');
  buf.writeUInt8(0, 4);
  buf.writeUInt8(page.flags, 5);
  buf.writeBigInt64LE(page.granule, 6);
  buf.writeUInt32LE(page.serial >>> 0, 14);
  buf.writeUInt32LE(page.sequence >>> 0, 18);
  buf.writeUInt32LE(0, 22);
  buf.writeUInt8(lace.length, 26);
  Buffer.from(lace).copy(buf, HEADER);
  let at = HEADER + lace.length;
  for (const p of page.packets) {
    buf.set(p, at);
    at += p.length;
  }
  buf.writeUInt32LE(oggCrc32(buf), 22);
  return buf;
}

export interface ReadPage extends OggPage {
  /** Set when the last packet continues on the next page (this reader then joins them). */
  openEnd: boolean;
}

/** Every page of an Ogg stream, each CRC checked; throws naming the page and offset of the first fault. */
export function readOggPages(data: Uint8Array): ReadPage[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const pages: ReadPage[] = [];
  let at = 0;
  while (at < buf.length) {
    const where = `Ogg page ${pages.length} at byte ${at}`;
    if (buf.length - at < HEADER) throw new Error(`${where}: truncated header`);
    if (buf.toString('latin1', at, at + 4) !== 'OggS') throw new Error(`${where}: no "OggS" capture pattern`);
    if (buf.readUInt8(at + 4) !== 0) throw new Error(`${where}: version ${buf.readUInt8(at + 4)}, not 0`);
    const segments = buf.readUInt8(at + 26);
    const lace = [...buf.subarray(at + HEADER, at + HEADER + segments)];
    const bodyLength = lace.reduce((n, v) => n + v, 0);
    const end = at + HEADER + segments + bodyLength;
    if (lace.length < segments || end > buf.length) throw new Error(`${where}: truncated body`);
    const page = Buffer.from(buf.subarray(at, end));
    const crc = page.readUInt32LE(22);
    page.writeUInt32LE(0, 22);
    if (oggCrc32(page) !== crc) throw new Error(`${where}: CRC mismatch`);
    const packets: Uint8Array[] = [];
    let offset = at + HEADER + segments;
    let current = 0;
    for (const v of lace) {
      current += v;
      if (v < 255) {
        packets.push(buf.subarray(offset, offset + current));
        offset += current;
        current = 0;
      }
    }
    const openEnd = lace.length > 0 && lace[lace.length - 1] === 255;
    if (openEnd) packets.push(buf.subarray(offset, offset + current));
    pages.push({
      flags: buf.readUInt8(at + 5),
      granule: buf.readBigInt64LE(at + 6),
      serial: buf.readUInt32LE(at + 14),
      sequence: buf.readUInt32LE(at + 18),
      packets,
      openEnd,
    });
    at = end;
  }
  return pages;
}
