// Every key name the services use, in one place. Keys here carry no deployment prefix: the store adds it.

export const keys = {
  /** Config sync: Engage object → cloud id mappings, one hash per object type. */
  mapping: (type: string): string => `excs:map:${type}`,
  /** Config sync: the version of the mappings, bumped on every change (the change feed). */
  mappingVersion: (): string => 'excs:map:version',
  /** Config sync: plan progress, for resuming an interrupted apply. */
  syncProgress: (): string => 'excs:sync:progress',
  /** Config sync: the plan id an operator confirmed past the mass-deactivation guard (HTTP or CLI). */
  syncConfirmation: (): string => 'excs:sync:confirmed',
  /** Extension DNs in scope (for EXCP), one hash field per `<switch>/<number>`. */
  extensions: (): string => 'excs:extensions',
  /** Agent state sync: the last state sent per agent. */
  agentState: (agentDbid: string | number): string => `exas:agent:${agentDbid}`,
  /** Leader/lock keys. */
  lock: (name: string): string => `lock:${name}`,
} as const;
