// The archive uploaded to Genesys Cloud: a zip with, at its top level, the encrypted audio
// (`<stem>.opus.bin`, stored) and metadata.json (docs/recording-format.md). Written streaming with yazl
// to a file while its MD5 is computed (the pre-signed URL needs the MD5 before the upload starts);
// read back with yauzl by the holder of the private key (the emulator).
import { createWriteStream } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { DigestStream, startDecryption, startEncryption, type EnvelopeHeader } from './envelope.ts';
import { METADATA_ENTRY, metadataProblems, type RecordingMetadata } from './metadata.ts';

export interface ArchiveInput {
  /** The plain Opus audio, streamed from WebDAV. */
  audio: Readable;
  audioEntry: string;
  keyId: string;
  publicKey: KeyObject;
  /** metadata.json for the envelope and the audio's digest, known once the audio has been read. */
  metadata(envelope: EnvelopeHeader, audio: { bytes: number; sha256: string }): RecordingMetadata;
  /** Where the archive is written. */
  path: string;
}

export interface WrittenArchive {
  bytes: number;
  /** base64 of the MD5 digest (UploadUrlRequest.contentMd5, the Content-MD5 header). */
  md5Base64: string;
  metadata: RecordingMetadata;
  audioBytes: number;
}

export async function writeArchive(input: ArchiveInput): Promise<WrittenArchive> {
  const { header, cipher } = startEncryption(input.keyId, input.publicKey);
  const plain = new DigestStream('sha256');
  const md5 = new DigestStream('md5');
  const zip = new yazl.ZipFile();
  let writeError: unknown;
  const written = pipeline(zip.outputStream, md5, createWriteStream(input.path)).catch((err: unknown) => {
    // A failed write must stop the reading too, not leave it waiting on back-pressure.
    writeError = err;
    input.audio.destroy(err as Error);
    cipher.destroy(err as Error);
  });
  // The cipher text is an entry of its own; metadata.json follows once the audio is fully read.
  zip.addReadStream(cipher, input.audioEntry, { compress: false });
  try {
    await pipeline(input.audio, plain, cipher);
  } catch (err) {
    (zip.outputStream as Readable).destroy(err as Error);
    await written;
    throw writeError ?? err;
  }
  const metadata = input.metadata(header, { bytes: plain.bytes, sha256: plain.hash.digest('hex') });
  zip.addBuffer(Buffer.from(JSON.stringify(metadata, null, 2)), METADATA_ENTRY);
  zip.end();
  await written;
  if (writeError) throw writeError;
  return { bytes: md5.bytes, md5Base64: md5.hash.digest('base64'), metadata, audioBytes: plain.bytes };
}

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of stream) {
    n += (c as Buffer).length;
    if (n > max) throw new ArchiveError(`entry larger than ${max} bytes`);
    parts.push(c as Buffer);
  }
  return Buffer.concat(parts);
}

export interface OpenedArchive {
  metadata: RecordingMetadata;
  /** Decrypts the audio entry into `sink`; resolves with its size and SHA-256 (checked against metadata). */
  decryptAudio(privateKey: KeyObject | string, sink: Writable): Promise<{ bytes: number; sha256: string }>;
  close(): void;
}

/**
 * Opens an uploaded archive: exactly metadata.json and the audio entry it names at the top level,
 * metadata.json valid. Throws ArchiveError saying what is wrong.
 */
export async function openArchive(zipBytes: Buffer): Promise<OpenedArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(zipBytes, { lazyEntries: true });
  } catch (err) {
    throw new ArchiveError(`not a zip archive: ${(err as Error).message}`);
  }
  const entries = new Map<string, yauzl.Entry>();
  for await (const e of zip.eachEntry()) entries.set(e.fileName, e);
  const meta = entries.get(METADATA_ENTRY);
  if (!meta) throw new ArchiveError(`${METADATA_ENTRY} is missing at the top level of the archive`);
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readAll(await zip.openReadStreamPromise(meta), 1_000_000)).toString('utf8'));
  } catch (err) {
    throw new ArchiveError(`${METADATA_ENTRY} is not JSON: ${(err as Error).message}`);
  }
  const { metadata, problems } = metadataProblems(parsed);
  if (!metadata) throw new ArchiveError(problems.join('; '));
  const audio = entries.get(metadata.audioEntry);
  if (!audio)
    throw new ArchiveError(`the audio entry ${metadata.audioEntry} named by metadata.json is missing`);
  const extra = [...entries.keys()].filter((n) => n !== METADATA_ENTRY && n !== metadata.audioEntry);
  if (extra.length > 0) throw new ArchiveError(`unexpected entries in the archive: ${extra.join(', ')}`);
  return {
    metadata,
    async decryptAudio(privateKey, sink) {
      const plain = new DigestStream('sha256');
      const decipher = startDecryption(metadata.encryption, privateKey);
      await pipeline(await zip.openReadStreamPromise(audio), decipher, plain, sink);
      const out = { bytes: plain.bytes, sha256: plain.hash.digest('hex') };
      if (out.bytes !== metadata.audio.bytes || out.sha256 !== metadata.audio.sha256)
        throw new ArchiveError('the decrypted audio does not match the size and SHA-256 in metadata.json');
      return out;
    },
    close: () => zip.close(),
  };
}
