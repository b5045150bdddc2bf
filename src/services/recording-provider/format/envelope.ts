// The envelope our recordings are encrypted with (docs/recording-format.md): a fresh AES-256 key and IV
// per file, AES-256-CBC (PKCS#7 padding) over the audio, the key wrapped with the org's RSA public key
// (RSA-OAEP, SHA-1, MGF1-SHA-1). Both directions live here so the scheme changes in one place: EXRP
// encrypts, the lab emulator decrypts. Streaming on both sides; nothing holds a whole file.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const CIPHER = 'AES-256-CBC';
export const KEY_WRAP = 'RSA-OAEP-SHA1';
export const SCHEME = 'exec-envelope-v1';

/** What metadata.json carries so the holder of the private key can decrypt (and check) the audio. */
export interface EnvelopeHeader {
  scheme: typeof SCHEME;
  cipher: typeof CIPHER;
  keyWrap: typeof KEY_WRAP;
  /** Id of the recording key (GET /api/v2/recording/recordingkeys) whose public half wrapped the key. */
  keyId: string;
  /** base64 of the RSA-OAEP-wrapped 32-byte AES key. */
  wrappedKey: string;
  /** base64 of the 16-byte IV. */
  iv: string;
}

/** The org's public key from `keydataSummary` (base64 DER): PKCS#1 RSAPublicKey (LKM keys) or SPKI. */
export function publicKeyFromSummary(keydataSummary: string): KeyObject {
  const der = Buffer.from(keydataSummary, 'base64');
  try {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  }
}

export interface Encryption {
  header: EnvelopeHeader;
  /** Plain audio in, cipher text out. */
  cipher: Transform;
}

/** A fresh key and IV for one file, the key wrapped for `publicKey`. */
export function startEncryption(keyId: string, publicKey: KeyObject): Encryption {
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const wrapped = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    key,
  );
  return {
    header: {
      scheme: SCHEME,
      cipher: CIPHER,
      keyWrap: KEY_WRAP,
      keyId,
      wrappedKey: wrapped.toString('base64'),
      iv: iv.toString('base64'),
    },
    cipher: createCipheriv('aes-256-cbc', key, iv),
  };
}

/** Cipher text in, plain audio out; throws on a wrong key (OAEP) or bad padding. */
export function startDecryption(header: EnvelopeHeader, privateKey: KeyObject | string): Transform {
  if (header.scheme !== SCHEME || header.cipher !== CIPHER || header.keyWrap !== KEY_WRAP)
    throw new Error(`unsupported envelope ${header.scheme}/${header.cipher}/${header.keyWrap}`);
  const key = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    Buffer.from(header.wrappedKey, 'base64'),
  );
  const iv = Buffer.from(header.iv, 'base64');
  if (key.length !== 32 || iv.length !== 16) throw new Error('envelope key or IV has the wrong length');
  return createDecipheriv('aes-256-cbc', key, iv);
}

/** A pass-through that digests what flows (MD5 of the archive, SHA-256 of the audio) and counts bytes. */
export class DigestStream extends Transform {
  readonly hash;
  bytes = 0;
  constructor(algorithm: 'md5' | 'sha256') {
    super();
    this.hash = createHash(algorithm);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}
