// Every key name the services use, in one place. Keys here carry no deployment prefix: the store adds it.

export const keys = {
  /** Config sync: Engage object → cloud id mappings, one hash per object type. */
  mapping: (type: string): string => `excs:map:${type}`,
  /** Config sync: the version of the mappings, bumped on every change (the change feed). */
  mappingVersion: (): string => 'excs:map:version',
  /** Config sync: the writer lease (`<token> <holder>`, with a TTL): only its holder applies. */
  writerLease: (): string => 'excs:writer:lease',
  /** Config sync: the last fencing token handed out with the writer lease. */
  writerToken: (): string => 'excs:writer:token',
  /** Extension DNs in scope (for EXCP), one hash field per `<switch>/<number>`. */
  extensions: (): string => 'excs:extensions',
  /** Agent state sync: what Genesys Cloud last accepted per agent (its cloud user id), one field per channel. */
  agentState: (userId: string): string => `exas:agent:${userId}`,
} as const;
