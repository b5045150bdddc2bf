// The recording format both ways: names cut to 80 without collisions, the envelope round trip with
// PKCS#1 and SPKI keys, and the archive reader refusing what Genesys Cloud would refuse.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import yazl from 'yazl';
import {
  baseNameOf,
  MAX_FILE_NAME,
  openArchive,
  publicKeyFromSummary,
  recordingNames,
  writeArchive,
  type RecordingMetadata,
} from './index.ts';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dir = mkdtempSync(join(tmpdir(), 'exrp-format-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ids = {
  conversationId: '11111111-1111-4111-8111-111111111111',
  participantId: '22222222-2222-4222-8222-222222222222',
  communicationId: '22222222-2222-4222-8222-222222222222',
};

function sink(parts: Buffer[]): Writable {
  return new Writable({
    write(c: Buffer, _e, done) {
      parts.push(c);
      done();
    },
  });
}

async function archiveOf(audio: Buffer, keySummary: string, name = 'call.opus') {
  const names = recordingNames(name);
  const path = join(dir, `${Math.random()}.zip`);
  const written = await writeArchive({
    audio: Readable.from([audio.subarray(0, 7), audio.subarray(7)]),
    audioEntry: names.audioEntry,
    keyId: 'key-1',
    publicKey: publicKeyFromSummary(keySummary),
    path,
    metadata: (encryption, plain): RecordingMetadata => ({
      version: 1,
      ...ids,
      fileName: names.recording,
      originalFileName: name,
      mediaType: 'audio/opus',
      audioEntry: names.audioEntry,
      startTime: '2026-01-01T00:00:00.000Z',
      endTime: '2026-01-01T00:01:00.000Z',
      trunk: false,
      masks: [],
      encryption,
      audio: plain,
    }),
  });
  return { written, bytes: readFileSync(path) };
}

describe('recording names', () => {
  it('keeps a short clean name and cuts a long one to 80 with a hash of the whole name', () => {
    assert.equal(recordingNames('http://dav/recordings/abc_1.opus').recording, 'abc_1.opus');
    const long = `${'A'.repeat(60)}_2015-09-10_16-58-22-006B015F-1000427D-0000000`;
    const a = recordingNames(`${long}1.opus`);
    const b = recordingNames(`${long}2.opus`);
    for (const n of [a.recording, a.audioEntry, a.archive, b.audioEntry])
      assert.ok(n.length <= MAX_FILE_NAME, n);
    assert.notEqual(a.stem, b.stem, 'names sharing their head do not collide');
    assert.equal(recordingNames(`${long}1.opus`).stem, a.stem, 'deterministic');
  });

  it('replaces forbidden characters and then hashes, so "a b" and "a_b" stay apart', () => {
    const spaced = recordingNames('a b.opus').stem;
    assert.doesNotMatch(spaced, /\s/);
    assert.notEqual(spaced, recordingNames('a_b.opus').stem);
    assert.equal(baseNameOf('/dav/x%20y.opus?x=1'), 'x y.opus');
  });
});

describe('envelope and archive', () => {
  const audio = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));

  for (const type of ['pkcs1', 'spki'] as const) {
    it(`round-trips with a ${type} public key`, async () => {
      const summary = publicKey.export({ type, format: 'der' }).toString('base64');
      const { written, bytes } = await archiveOf(audio, summary);
      assert.equal(written.bytes, bytes.length);
      const opened = await openArchive(bytes);
      const parts: Buffer[] = [];
      await opened.decryptAudio(privateKey, sink(parts));
      assert.ok(Buffer.concat(parts).equals(audio));
      assert.equal(opened.metadata.audio.bytes, audio.length);
    });
  }

  it('the cipher text is not the audio, and another private key cannot open it', async () => {
    const summary = publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    const { bytes } = await archiveOf(audio, summary);
    assert.equal(bytes.indexOf(audio.subarray(100, 140)), -1);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const opened = await openArchive(bytes);
    await assert.rejects(opened.decryptAudio(other, sink([])));
  });

  it('refuses an archive without metadata.json or with a folder around the files', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('x'), 'recording/call.opus.bin');
    zip.addBuffer(Buffer.from('{}'), 'recording/metadata.json');
    zip.end();
    const parts: Buffer[] = [];
    for await (const c of zip.outputStream) parts.push(c as Buffer);
    await assert.rejects(openArchive(Buffer.concat(parts)), /metadata\.json is missing/);
    await assert.rejects(openArchive(Buffer.from('not a zip')), /not a zip/);
  });

  it('refuses a metadata.json that breaks the schema, naming the field', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(JSON.stringify({ version: 1, conversationId: 'x' })), 'metadata.json');
    zip.end();
    const parts: Buffer[] = [];
    for await (const c of zip.outputStream) parts.push(c as Buffer);
    await assert.rejects(openArchive(Buffer.concat(parts)), /metadata\.json conversationId/);
  });
});
