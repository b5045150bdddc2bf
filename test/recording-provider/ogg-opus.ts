// Ogg Opus files for the recording tests and the bench: the MCP simulator's builder (src/lab/engage/mcp),
// in whole seconds. `payloadBytes` 0 gives bare CELT silence packets; more pads each packet to the size of
// real speech at that bit rate (80 bytes = 32 kbit/s) with bytes the decoder skips. `seed` goes into the
// tags, so files of the same length still differ.
import { buildOpusFile, type OpusFileOptions } from '../../src/lab/engage/mcp/opus-file.ts';

function options(seconds: number, o: { payloadBytes?: number; seed?: number }): OpusFileOptions {
  return {
    durationMs: seconds * 1000,
    comments: { EXEC_TEST_SEED: String(o.seed ?? 7) },
    ...(o.payloadBytes ? { packetBytes: 1 + o.payloadBytes } : {}),
  };
}

export function oggOpusFile(seconds: number, o: { payloadBytes?: number; seed?: number } = {}): Buffer {
  return buildOpusFile(options(seconds, o));
}
