// The publisher's vocabulary: channels, what it sends through (EventsSink), what it keeps (AcceptedStore),
// its options and hooks. The publisher itself is in publisher.ts.
import type { Models } from 'purecloud-platform-client-v2';
import type { Logger } from '../../core/logger.ts';

export type Channel = 'presence' | 'routingStatus';
export const CHANNELS: readonly Channel[] = ['presence', 'routingStatus'];

export interface EventFailureLike {
  eventId: string;
  message: string;
  retryable: boolean;
  /** Set when the whole request failed (0: no response). */
  status?: number;
}

/** What the publisher needs of the Events API (the cloud client's `events` fits). */
export interface EventsSink {
  presence(
    events: readonly Models.UserPresenceEvent[],
    o?: { caller?: string },
  ): Promise<{ errors: EventFailureLike[] }>;
  routingStatus(
    events: readonly Models.UserRoutingStatusEvent[],
    o?: { caller?: string },
  ): Promise<{ errors: EventFailureLike[] }>;
}

/** Ids the events need: the presence source (from EXCS) and the presence definitions (from Genesys Cloud). */
export interface PublishContext {
  sourceId: string;
  presenceIds: ReadonlyMap<string, string>;
}

export interface Sent {
  value: string;
  timeMs: number;
}

/** Where the last accepted state per user survives a restart (Redis); failures only cost re-sends. */
export interface AcceptedStore {
  load(): Promise<Map<string, Partial<Record<Channel, Sent>>>>;
  save(userId: string, channel: Channel, sent: Sent): Promise<void>;
}

export interface PublisherHooks {
  accepted?(channel: Channel, value: string, item: PendingItem, nowMs: number): void;
  rejected?(channel: Channel, value: string, item: PendingItem, message: string): void;
  retried?(channel: Channel, count: number): void;
  coalesced?(channel: Channel): void;
}

export interface PublisherOptions {
  sink: EventsSink;
  context(): Promise<PublishContext>;
  logger: Logger;
  store?: AcceptedStore;
  hooks?: PublisherHooks;
  batchLimit?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Batches in flight per channel, over disjoint users (default 4; the cloud client's limiter still gates). */
  concurrency?: number;
  /**
   * A batch that is not full waits until its oldest state has waited this long (default 0). Under a rate
   * limit this keeps requests full and leaves budget for bursts.
   */
  minBatchDelayMs?: number;
}

export interface PendingItem {
  userId: string;
  employeeId: string;
  value: string;
  /** Stat Server time of the change (epoch ms). */
  timeMs: number;
  /** When EXAS received it (epoch ms), for the latency metric. */
  receivedAt: number;
  /** When this user first waited in pending (kept when a newer state replaces it). */
  queuedAt: number;
}
