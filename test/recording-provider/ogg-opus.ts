// Ogg Opus files for the recording tests and the bench, written page by page (RFC 7845, RFC 3533;
// ../shared/reference/engage-recording.md §3): OpusHead, OpusTags, then 20 ms mono CELT packets (TOC
// 0xF8), 50 to a page. `payloadBytes` 0 gives the standard silence packet (F8 FF FE); more gives packets
// of seeded random bytes after the TOC, the size of real speech at that bit rate (any bytes decode).
const PRE_SKIP = 312;
const SAMPLES_PER_PACKET = 960;
const PACKETS_PER_PAGE = 50;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

export function oggCrc(buf: Buffer): number {
  let crc = 0;
  for (const b of buf) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ b) & 0xff] as number)) >>> 0;
  return crc >>> 0;
}

function page(packets: Buffer[], flags: number, granule: bigint, serial: number, seq: number): Buffer {
  const lacing: number[] = [];
  for (const p of packets) {
    let n = p.length;
    while (n >= 255) {
      lacing.push(255);
      n -= 255;
    }
    lacing.push(n);
  }
  const header = Buffer.alloc(27 + lacing.length);
  header.write('OggS', 0, 'latin1');
  header[4] = 0;
  header[5] = flags;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(seq, 18);
  header[26] = lacing.length;
  Buffer.from(lacing).copy(header, 27);
  const out = Buffer.concat([header, ...packets]);
  out.writeUInt32LE(oggCrc(out), 22);
  return out;
}

function xorshift(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) & 0xff;
  };
}

/** The pages of an Ogg Opus file of `seconds` (whole seconds), as a lazy sequence of buffers. */
export function* oggOpusPages(
  seconds: number,
  o: { payloadBytes?: number; seed?: number } = {},
): Generator<Buffer> {
  const serial = (o.seed ?? 7) >>> 0;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(PRE_SKIP, 10);
  head.writeUInt32LE(48000, 12);
  yield page([head], 0x02, 0n, serial, 0);
  const vendor = Buffer.from('exec-lab');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'latin1');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  yield page([tags], 0, 0n, serial, 1);
  const rnd = xorshift(serial + 1);
  const packet = (): Buffer => {
    if (!o.payloadBytes) return Buffer.from([0xf8, 0xff, 0xfe]);
    const b = Buffer.alloc(1 + o.payloadBytes);
    b[0] = 0xf8;
    for (let i = 1; i < b.length; i++) b[i] = rnd();
    return b;
  };
  const total = seconds * PACKETS_PER_PAGE;
  let granule = BigInt(PRE_SKIP);
  for (let done = 0, seq = 2; done < total; seq++) {
    const n = Math.min(PACKETS_PER_PAGE, total - done);
    done += n;
    granule += BigInt(n * SAMPLES_PER_PACKET);
    yield page(Array.from({ length: n }, packet), done >= total ? 0x04 : 0, granule, serial, seq);
  }
}

export function oggOpusFile(seconds: number, o: { payloadBytes?: number; seed?: number } = {}): Buffer {
  return Buffer.concat([...oggOpusPages(seconds, o)]);
}
