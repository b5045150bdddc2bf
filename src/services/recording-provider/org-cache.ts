// What EXRP keeps of the org, refreshed in the background: the recording public key (the newest of
// GET /api/v2/recording/recordingkeys; rotation keeps old keys, so the newest is the one to use) and the
// speech-and-text-analytics state (transcription setting, default program, programs), every 15 minutes
// as seed 003 says. A failed refresh keeps the last good values; the first one is waited for.
import type { KeyObject } from 'node:crypto';
import type { CloudClient } from '../../cloud/index.ts';
import type { Logger } from '../../core/logger.ts';
import { publicKeyFromSummary } from './format/index.ts';
import type { StaSnapshot } from './sta.ts';

export interface OrgKey {
  id: string;
  publicKey: KeyObject;
}

export interface OrgCacheOptions {
  keyRefreshMs: number;
  staRefreshMs: number;
}

export class OrgCache {
  private key: OrgKey | undefined;
  private sta: StaSnapshot | undefined;
  private timers: NodeJS.Timeout[] = [];
  lastError: string | undefined;

  constructor(
    private readonly cloud: CloudClient,
    private readonly logger: Logger,
    private readonly opts: OrgCacheOptions,
  ) {}

  start(): void {
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch(() => undefined), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.opts.keyRefreshMs, () => this.refreshKey());
    every(this.opts.staRefreshMs, () => this.refreshSta());
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  async currentKey(): Promise<OrgKey> {
    return this.key ?? (await this.refreshKey());
  }

  /** The STA state; undefined when it could never be read (the request's STA is then passed as is). */
  async staSnapshot(): Promise<StaSnapshot | undefined> {
    if (!this.sta) await this.refreshSta().catch(() => undefined);
    return this.sta;
  }

  get keyId(): string | undefined {
    return this.key?.id;
  }

  async refreshKey(): Promise<OrgKey> {
    try {
      const k = await this.cloud.recording.currentKey();
      if (!k?.id || !k.keydataSummary) throw new Error('the org has no recording key with a public half');
      this.key = { id: k.id, publicKey: publicKeyFromSummary(k.keydataSummary) };
      this.lastError = undefined;
      return this.key;
    } catch (err) {
      this.lastError = `recording key: ${(err as Error).message}`;
      this.logger.warn({ err: (err as Error).message }, 'exrp: cannot read the org recording key');
      throw err;
    }
  }

  async refreshSta(): Promise<StaSnapshot> {
    try {
      const [transcription, settings, programs] = await Promise.all([
        this.cloud.request<{ transcription?: string }>({
          area: 'routing',
          method: 'GET',
          path: '/api/v2/routing/settings/transcription',
        }),
        this.cloud.speechAnalytics.settings(),
        this.cloud.speechAnalytics.listPrograms(),
      ]);
      this.sta = {
        transcription: transcription.transcription ?? 'Disabled',
        defaultProgramId: settings.defaultProgram?.id,
        programIds: new Set(programs.map((p) => p.id).filter((id): id is string => Boolean(id))),
        readAt: Date.now(),
      };
      return this.sta;
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message },
        'exrp: cannot read the speech and text analytics settings',
      );
      throw err;
    }
  }
}
