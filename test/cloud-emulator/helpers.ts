// A small HTTP client for the emulator tests: token, JSON calls, admin calls.
import {
  startCloudEmulator,
  type CloudEmulator,
  type CloudEmulatorOptions,
} from '../../src/lab/cloud-emulator/index.ts';

export interface Called {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { entities?: Record<string, unknown>[] };
}

export interface EmulatorClient {
  emu: CloudEmulator;
  token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Called>;
  admin(method: string, path: string, body?: unknown): Promise<Called>;
  login(): Promise<string>;
}

export async function startWithClient(opts: CloudEmulatorOptions = {}): Promise<EmulatorClient> {
  const emu = await startCloudEmulator({ port: 0, ...opts });
  const raw = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Called> => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(emu.url + path, init);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, headers: res.headers, body: parsed as Called['body'] };
  };
  const client: EmulatorClient = {
    emu,
    token: '',
    async login() {
      const basic = Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString('base64');
      const r = await raw('POST', '/oauth/token', 'grant_type=client_credentials', {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      });
      client.token = r.body.access_token as string;
      return client.token;
    },
    call: (method, path, body, headers = {}) =>
      raw(method, path, body, { authorization: `Bearer ${client.token}`, ...headers }),
    admin: (method, path, body) => raw(method, `/__emulator/${path}`, body),
  };
  await client.login();
  return client;
}
