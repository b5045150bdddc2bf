// What EXAS and EXCP ask EXCS (DESIGN §3, §4): the mappings (users in scope with their Genesys Cloud ids,
// queues, extensions, wrap-up codes), the presence source, and the settings. Every answer is validated;
// a bad one is an error naming it. Mapping reads can follow EXCS's ETag (304 while unchanged).
import { z } from 'zod';

export const mappedUserSchema = z.object({
  dbid: z.union([z.number(), z.string()]).optional(),
  userName: z.string().optional(),
  employeeId: z.string().nullish(),
  cloudId: z.string().nullish(),
  active: z.boolean().default(true),
  isAgent: z.boolean().optional(),
});
export type MappedUser = z.infer<typeof mappedUserSchema>;

const usersData = z.object({
  version: z.union([z.number(), z.string()]).optional(),
  users: z.array(mappedUserSchema),
});
const sourceData = z.object({ cloudId: z.string().min(1) });
const settingsData = z.record(z.string(), z.unknown());

export class ExcsError extends Error {
  override readonly name = 'ExcsError';
}

export interface ExcsClientOptions {
  baseUrl: string;
  apiToken?: string | undefined;
  timeoutMs?: number;
}

export class ExcsClient {
  constructor(private readonly options: ExcsClientOptions) {}

  /** The ETag of the last answer, per path (for If-None-Match). */
  private readonly etags = new Map<string, string>();

  /** The users mapping; `undefined` when unchanged since the last call (ETag). */
  async users(): Promise<z.infer<typeof usersData> | undefined> {
    return this.get('/api/v1/mappings/users', usersData, true);
  }

  async sourceId(): Promise<string> {
    return (await this.get('/api/v1/mappings/source', sourceData)).cloudId;
  }

  /** Settings keys EXCS left out of its answers (secrets, to a caller without its API token). */
  readonly withheld = new Set<string>();

  /** A settings section of the transaction (`general`, `agent_state_sync`, `conversation_provider`) as a flat record. */
  async settings(
    section: 'general' | 'agent_state_sync' | 'conversation_provider',
  ): Promise<Record<string, unknown>> {
    const data = await this.get(`/api/v1/settings/${section}`, settingsData);
    if (Array.isArray(data.withheld)) for (const k of data.withheld) this.withheld.add(String(k));
    // EXCS answers {section, settings, withheld}; a flat record is accepted too.
    const nested = data.settings;
    return nested && typeof nested === 'object' ? (nested as Record<string, unknown>) : data;
  }

  /** The validated `data` of an EXCS answer. With `etag`: `undefined` when unchanged since the last call. */
  async get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>>;
  async get<T extends z.ZodType>(path: string, schema: T, etag: true): Promise<z.infer<T> | undefined>;
  async get<T extends z.ZodType>(path: string, schema: T, etag = false): Promise<z.infer<T> | undefined> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
    const known = etag ? this.etags.get(path) : undefined;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: {
          accept: 'application/json',
          ...(this.options.apiToken ? { authorization: `Bearer ${this.options.apiToken}` } : {}),
          ...(known ? { 'if-none-match': known } : {}),
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new ExcsError(`EXCS ${path}: ${(err as Error).message}`);
    }
    if (etag && res.status === 304) return undefined;
    if (!res.ok) throw new ExcsError(`EXCS ${path}: HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ExcsError(`EXCS ${path}: the answer is not JSON`);
    }
    const parsed = z.object({ data: schema }).safeParse(body);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new ExcsError(`EXCS ${path}: ${i?.path.join('.') || 'body'} ${i?.message ?? 'is not valid'}`);
    }
    // Remembered only once the answer was valid: a bad one is asked for again in full.
    const tag = res.headers.get('etag');
    if (etag && tag) this.etags.set(path, tag);
    return (parsed.data as { data: z.infer<T> }).data;
  }
}

/** Agents in scope: active agents with an employee id and a Genesys Cloud user. employeeId → cloudId. */
export function agentsInScope(users: readonly MappedUser[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of users) {
    if (!u.active || u.isAgent === false || !u.employeeId || !u.cloudId) continue;
    out.set(u.employeeId, u.cloudId);
  }
  return out;
}

/** Follows the users mapping: polls, and reports the scope when its version or content changes. */
export class ScopeWatcher {
  private timer: NodeJS.Timeout | undefined;
  private version: unknown;
  private stopped = true;
  lastOk = 0;
  lastError: string | undefined;

  constructor(
    private readonly excs: ExcsClient,
    private readonly intervalMs: number,
    private readonly onScope: (scope: Map<string, string>) => void,
    private readonly onError: (err: Error) => void,
  ) {}

  start(): void {
    this.stopped = false;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      const answer = await this.excs.users();
      this.lastOk = Date.now();
      this.lastError = undefined;
      if (answer && (answer.version === undefined || answer.version !== this.version)) {
        const { version, users } = answer;
        this.version = version;
        this.onScope(agentsInScope(users));
      }
    } catch (err) {
      this.lastError = (err as Error).message;
      this.onError(err as Error);
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
  }
}
