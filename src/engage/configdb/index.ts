// Public API of the Config DB reader. Import from here.
export type * from './model.ts';
export type { ConfigDbClient, QueryClient, TransactionMode } from './client.ts';
export { fromPg, fromPglite } from './client.ts';
export { checkReadScope, readSnapshot, type ReadSnapshotOptions } from './snapshot.ts';
export { readChangesSince, readHistoryCursor, readLastModifiedOf } from './history.ts';
export {
  assertSupportedDialect,
  openConfigDb,
  openConfigDbUrl,
  SUPPORTED_DIALECTS,
  type ConfigDbConnection,
} from './dialect.ts';
export {
  configDbSettingsFrom,
  configDbSettingsFromEnv,
  type ConfigDbSettings,
  type ConfigDbType,
} from './settings.ts';
export * from './enums.ts';
export { annexValue } from './annex.ts';
export { HYBRID_INTEGRATION } from './transaction.ts';
