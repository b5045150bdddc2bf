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
  /** Config sync: the plan id an operator confirmed past the mass-deactivation guard (HTTP or CLI). */
  syncConfirmation: (): string => 'excs:sync:confirmed',
  /** Extension DNs in scope (for EXCP), one hash field per `<switch>/<number>`. */
  extensions: (): string => 'excs:extensions',
  /** Agent state sync: what Genesys Cloud last accepted per agent (its cloud user id), one field per channel. */
  agentState: (userId: string): string => `exas:agent:${userId}`,
  /** Conversation provider: one group of keys per EXCP deployment group (docs/conversation-provider.md). */
  excp: {
    /** Hash: inbox sequence number → one ingested T-Lib event (JSON). */
    inbox: (group: string): string => `excp:${group}:inbox`,
    /** The last inbox sequence number given out. */
    inboxSeq: (group: string): string => `excp:${group}:inbox:seq`,
    /** The last inbox sequence number processed (committed with the state it produced). */
    cursor: (group: string): string => `excp:${group}:cursor`,
    /** Hash of event identities already appended, one per time bucket, expiring. */
    seen: (group: string, bucket: number | string): string => `excp:${group}:seen:${bucket}`,
    /** The processing lease (`<owner>|<fencing token>`) and the token counter. */
    lease: (group: string): string => `excp:${group}:lease`,
    leaseToken: (group: string): string => `excp:${group}:lease:token`,
    /** Tracker state, one hash each: chain key → chain, alias → chain key, `<site>/<dn>` → DN state. */
    chains: (group: string): string => `excp:${group}:chains`,
    aliases: (group: string): string => `excp:${group}:aliases`,
    dns: (group: string): string => `excp:${group}:dns`,
    /** Hash: outbox sequence number → one Genesys Cloud event to send (JSON), and its counter. */
    outbox: (group: string): string => `excp:${group}:outbox`,
    outboxSeq: (group: string): string => `excp:${group}:outbox:seq`,
    /** Hash: outbox sequence number → when a request carrying it went out (ms), until it is answered. */
    sending: (group: string): string => `excp:${group}:outbox:sending`,
  },
  /** EXCP's recording injection (src/services/conversation-provider/recording/). */
  excpRec: {
    /** An ended conversation's snapshot (JSON), by chain key; expires. */
    context: (group: string, chain: string): string => `excp:${group}:rec:ctx:${chain}`,
    /** Hash: segment id → recorded segment (JSON), by chain key; expires. */
    segments: (group: string, chain: string): string => `excp:${group}:rec:segs:${chain}`,
    /** Hash: segment ids accepted by EXRP (and `gir:<CallUUID>` fetched from RWS), by chain key; expires. */
    sent: (group: string, chain: string): string => `excp:${group}:rec:sent:${chain}`,
    /** CallUUID → chain key, for segments reported after the tracker forgot the call; expires. */
    call: (group: string, callUuid: string): string => `excp:${group}:rec:call:${callUuid}`,
    /** Hash: chain key → `<due ms>|<version>`: conversations with recording work to do. */
    due: (group: string): string => `excp:${group}:rec:due`,
  },
} as const;
