// The mappings a replay translates with: a file holding what EXCS's `GET /api/v1/mappings/*` answers
// (`{"users":…,"queues":…,"wrapupcodes":…,"extensions":…,"source":…}`), or EXCS itself.
import { readFile } from 'node:fs/promises';
import { UserError } from '../../../core/errors.ts';
import { mappingsSchema, type Mappings } from '../core/directory.ts';

function validate(raw: unknown, where: string): Mappings {
  const r = mappingsSchema.safeParse(raw);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new UserError(
    `${where}: ${first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'invalid'}`,
  );
}

export async function mappingsFromFile(file: string): Promise<Mappings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(
      `--mappings ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UserError(`--mappings ${file}: not JSON (${(err as Error).message})`);
  }
  return validate(raw, `--mappings ${file}`);
}

const KINDS = ['users', 'queues', 'wrapupcodes', 'extensions', 'source'] as const;

export async function mappingsFromExcs(baseUrl: string, token: string | undefined): Promise<Mappings> {
  const raw: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/mappings/${kind}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new UserError(
        `EXCS ${url}: ${(err as Error).message} (give --mappings <file> to replay without EXCS)`,
      );
    }
    if (!res.ok) throw new UserError(`EXCS ${url}: HTTP ${res.status}`);
    try {
      raw[kind] = await res.json();
    } catch {
      throw new UserError(`EXCS ${url}: the answer is not JSON`);
    }
  }
  return validate(raw, `EXCS ${baseUrl} mappings`);
}
