// POST /oauth/token: client credentials with Basic auth and a form body, as login.<env> answers it.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';

const oauthError = (error: string, description: string) => ({
  error,
  description,
  error_description: description,
});

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerOAuthRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/oauth/token', async (req, reply) => {
    const auth = req.headers.authorization ?? '';
    if (!/^basic /i.test(auth))
      return reply
        .code(401)
        .send(oauthError('invalid_client', 'client authentication (HTTP Basic) is required'));
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString();
    const colon = decoded.indexOf(':');
    const clientId = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? '' : decoded.slice(colon + 1);
    if (clientId !== ctx.settings.clientId)
      return reply.code(401).send(oauthError('invalid_client', 'client not found'));
    if (!sameSecret(secret, ctx.settings.clientSecret))
      return reply.code(401).send(oauthError('invalid_client', 'authentication failed'));
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return reply
        .code(400)
        .send(oauthError('invalid_request', 'the body must be application/x-www-form-urlencoded'));
    if (body.grant_type !== 'client_credentials')
      return reply
        .code(400)
        .send(
          oauthError(
            'unsupported_grant_type',
            `grant_type ${String(body.grant_type ?? '(none)')} is not supported for this client`,
          ),
        );
    const ttl = ctx.settings.tokenTtlSeconds;
    return { access_token: ctx.tokens.issue(clientId, ttl), token_type: 'bearer', expires_in: ttl };
  });
}
