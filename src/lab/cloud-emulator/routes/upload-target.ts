// The target of the pre-signed upload URLs: PUT /upload/{uploadKey}?expires&signature, S3 style
// (the signature and expiry checked, the returned headers enforced, Content-MD5 verified), then the
// recording archive processed (recordings.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { nowIso } from '../ids.ts';
import { ingestRecording } from '../recordings.ts';
import { uploadSignature } from './recording.ts';

const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

export function registerUploadTarget(app: FastifyInstance, ctx: EmulatorContext): void {
  void app.register(async (sub) => {
    sub.removeAllContentTypeParsers();
    sub.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    sub.put('/upload/*', async (req, reply) => {
      const key = decodeURIComponent((req.params as { '*': string })['*']);
      const q = req.query as { expires?: string; signature?: string };
      const fail = (status: number, code: string, msg: string) =>
        reply.code(status).type('application/xml').send(s3Error(code, msg));
      const upload = ctx.org.uploads.get(key);
      const expires = Number(q.expires);
      const want = Buffer.from(uploadSignature(ctx.signingKey, key, expires));
      const got = Buffer.from(q.signature ?? '');
      if (!upload || want.length !== got.length || !timingSafeEqual(want, got))
        return fail(403, 'SignatureDoesNotMatch', 'The request signature does not match');
      if (Date.now() > expires) return fail(403, 'AccessDenied', 'Request has expired');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (upload.contentType && req.headers['content-type'] !== upload.contentType)
        return fail(403, 'SignatureDoesNotMatch', `Content-Type must be ${upload.contentType}`);
      if (
        upload.serverSideEncryption &&
        req.headers['x-amz-server-side-encryption'] !== upload.serverSideEncryption
      )
        return fail(403, 'SignatureDoesNotMatch', 'x-amz-server-side-encryption header is missing');
      const md5 = createHash('md5').update(body);
      const md5b64 = md5.copy().digest('base64');
      const md5hex = md5.digest('hex');
      if (upload.contentMd5) {
        const sent = req.headers['content-md5'];
        if (sent !== upload.contentMd5)
          return fail(400, 'InvalidDigest', 'Content-MD5 header must be sent as signed');
        if (upload.contentMd5 !== md5b64 && upload.contentMd5.toLowerCase() !== md5hex)
          return fail(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received');
      }
      upload.uploadedAt = nowIso();
      upload.size = body.length;
      upload.md5 = md5hex;
      ctx.uploadBodies.set(key, body);
      // As Genesys Cloud does after the upload: decrypt, check and keep the recording (or refuse it).
      await ingestRecording(ctx, upload, body);
      ctx.touch();
      return reply.code(200).header('ETag', `"${md5hex}"`).send();
    });
  });
}
