// The Genesys Cloud client's public surface (see README.md). Services import from here only.
export { createCloudClient, type CloudClient, type CloudClientOptions } from './client.ts';
export {
  resolveCloudUrls,
  regionApiUrl,
  authUrlFor,
  REGION_HOSTS,
  type CloudSettingsInput,
  type ResolvedCloud,
} from './regions.ts';
export { CloudApiError, isCloudApiError, isRetryableStatus } from './errors.ts';
export { eventIdFor, UUID_V4_RE, type EventIdPart } from './event-id.ts';
export { createOnce, type CreateOnceOptions } from './create-once.ts';
export { retryConflicts, isVersionConflict, type RetryConflictsOptions } from './conflict.ts';
export { loginBackoffMs, DEFAULT_LOGIN_BACKOFF, type LoginStatus } from './auth.ts';
export { BULK_LIMITS, chunk, inChunks } from './bulk.ts';
export { pageNumberPages, cursorPages, nextPagePages, scimPages, collect } from './paging.ts';
export { RateLimiter, type RateLimiterOptions } from './limiter.ts';
export { backoffDelay, type BackoffOptions } from './backoff.ts';
export type { CloudRequest, CloudResponse, HttpMethod } from './transport.ts';
export type { ScimApi } from './areas/scim.ts';
export { scimString, SCIM_ENTERPRISE, SCIM_GENESYS, SCIM_USER_SCHEMA } from './areas/scim.ts';
export type { AuthorizationApi } from './areas/authorization.ts';
export type { RoutingApi } from './areas/routing.ts';
export type { PresenceApi } from './areas/presence.ts';
export {
  conversationRequests,
  flattenConversationBatch,
  toConversationBatch,
  type EventsApi,
  type EventFailure,
  type EventSendResult,
  type TaggedConversationEvent,
  type ConversationEventKind,
} from './areas/events.ts';
export type { RecordingApi } from './areas/recording.ts';
export type { SpeechAnalyticsApi } from './areas/speech-analytics.ts';
