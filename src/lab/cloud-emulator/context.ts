// What every route of the emulator shares: the org (replaced on reset, so read `ctx.org` per request),
// the audit trail, tokens, faults and the settings it was started with.
import type { Logger } from '../../core/logger.ts';
import type { AuditLog } from './audit.ts';
import type { Consistency } from './consistency.ts';
import type { DuplicateMode } from './events/ingest.ts';
import type { EventOrder } from './events/order.ts';
import type { FaultSet } from './faults.ts';
import type { StoredRecording } from './recordings.ts';
import type { Org } from './state.ts';
import type { TokenStore } from './tokens.ts';

export interface EmulatorSettings {
  clientId: string;
  clientSecret: string;
  rateLimitPerMinute: number | 'off';
  eventsBatchLimit: number;
  tokenTtlSeconds: number;
  /** request.bytes.max of the real API. */
  requestBytesMax: number;
  /** How the arrays of one Events API request are applied (events/order.ts). */
  eventOrder: EventOrder;
  /** The seed of the strict order (logged at start, so a run can be replayed). */
  eventOrderSeed: number;
  duplicateEvents: DuplicateMode;
  /** Writes become visible to reads after this many ms (0: at once). */
  consistencyDelayMs: number;
}

export interface EmulatorContext {
  org: Org;
  readonly audit: AuditLog;
  readonly tokens: TokenStore;
  readonly faults: FaultSet;
  /** The seeded source of the strict event order. */
  readonly eventOrderRandom: () => number;
  /** Delayed visibility of writes (`--consistency-delay`). */
  readonly lag: Consistency;
  readonly settings: EmulatorSettings;
  readonly logger: Logger;
  /** Bytes of completed uploads by upload key (kept out of the org and its snapshot). */
  readonly uploadBodies: Map<string, Buffer>;
  /** Recordings decrypted from the uploaded archives, by id (kept out of the org and its snapshot). */
  readonly recordings: Map<string, StoredRecording>;
  /** Base URL once listening (pre-signed upload URLs point at it). */
  baseUrl: string;
  /** Secret of the upload URL signatures. */
  readonly signingKey: Buffer;
  /** Back to the seeded org; audit, faults and tokens cleared. */
  reset(): void;
  /** Something changed (the state file is rewritten soon; the console's live feed is told). */
  touch(): void;
  /** Calls `listener` after every touch(); returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Where the console finds the services' /health and the demo's control API (PUT /__emulator/console/links). */
  consoleLinks: ConsoleLinks;
}

export interface ConsoleLinks {
  services: { name: string; url: string }[];
  controlUrl: string | null;
}
