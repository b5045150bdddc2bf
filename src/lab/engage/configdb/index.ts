// Public API of the lab Config DB: schema, seeder, mutator, embedded server.
export { SCHEMA_STATEMENTS, SCHEMA_TABLES } from './schema.ts';
export {
  openLabDatabase,
  ensureSchema,
  schemaExists,
  serveEmbedded,
  type LabDatabase,
  type EmbeddedServer,
} from './database.ts';
export { seedLabConfigDb, AlreadySeededError, type SeedResult } from './seed.ts';
export { buildContactCenter, emailKindOf, type EmailKind } from './contactCenter.ts';
export {
  DEFAULT_SEED_OPTIONS,
  SWITCHES,
  SKILLS,
  VQ_NAMES,
  FIRST_AGENT_DBID,
  vqCount,
  type SeedOptions,
} from './constants.ts';
export { BUSINESS_ATTRIBUTES } from './businessAttributes.ts';
export { SECOND_TENANT } from './secondTenant.ts';
export { schemaStatementsFor, seedOtherDialect, type OtherDialect } from './otherDialects.ts';
export { findFolder, LabObjectNotFound } from './mutatorCore.ts';
export * from './mutatorPersons.ts';
export * from './mutatorObjects.ts';
export { makeRandomChange } from './randomChanges.ts';
export { createRng, type Rng } from './random.ts';
export { labConfigDbComponent, type LabConfigDbComponentOptions } from './demoComponent.ts';
