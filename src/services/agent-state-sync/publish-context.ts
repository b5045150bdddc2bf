// What every event needs besides the state: the presence source's id (from EXCS) and the org's system
// presence ids (from Genesys Cloud). Looked up once, when the first batch goes out; both channel loops
// asking at once share one lookup, and a failed lookup is tried again by the next batch.
import type { Logger } from '../../core/logger.ts';
import type { CloudHealth } from './cloud-health.ts';
import type { PublishContext } from './publisher.ts';

export interface ContextSources {
  sourceId(): Promise<string>;
  presenceIds(): Promise<ReadonlyMap<string, string>>;
}

export class PublishContextResolver {
  private resolved: PublishContext | undefined;
  private pending: Promise<PublishContext> | undefined;

  constructor(
    private readonly sources: ContextSources,
    private readonly health: CloudHealth,
    private readonly logger: Logger,
  ) {}

  get(): Promise<PublishContext> {
    if (this.resolved) return Promise.resolve(this.resolved);
    this.pending ??= this.lookUp().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async lookUp(): Promise<PublishContext> {
    try {
      const [sourceId, presenceIds] = await Promise.all([
        this.sources.sourceId(),
        this.sources.presenceIds(),
      ]);
      this.health.up(`${presenceIds.size} presence definitions`);
      this.resolved = { sourceId, presenceIds };
      this.logger.info(
        { sourceId, definitions: presenceIds.size },
        'presence source and definitions resolved',
      );
      return this.resolved;
    } catch (err) {
      this.health.down((err as Error).message);
      throw err;
    }
  }
}
