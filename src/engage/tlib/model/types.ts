// The typed T-Lib message: what every reader (JSON link, log file) produces and every writer takes.

/** A value inside a key-value list: a string, an integer, or a nested list. */
export type KVValue = string | number | KVList;
/** One key-value pair; T-Lib allows the same key twice, so a list is ordered pairs, not an object. */
export type KVPair = [key: string, value: KVValue];
/** UserData, Extensions, Reasons, ISLinkList: ordered key-value pairs that may nest. */
export type KVList = KVPair[];

/** An attribute value: a string (quoted names, ConnIDs, UUIDs), an integer, or a KV-list. */
export type TValue = string | number | KVList;

export type TMessageKind = 'event' | 'request';

/**
 * A T-Lib message (event or request). Attributes are keyed by their T-Lib names
 * (`AttributeConnID`); the sequence number and time live there as in T-Lib
 * (AttributeEventSequenceNumber, AttributeTimeinSecs, AttributeTimeinuSecs): read them through the
 * accessors in access.ts, which never throw.
 */
export interface TMessage {
  kind: TMessageKind;
  /** `EventQueued`, `RequestDistributeEvent`, … */
  name: string;
  /** In the order they were received or written. */
  attributes: Record<string, TValue>;
  /** The server that sent the event: its name or host:port, when known. */
  server?: string;
  /** Where the message was read: a log file name, a link name. */
  source?: string;
  /** The 1-based line of the log where the message starts (log reader only). */
  line?: number;
  /** The log line's own time `HH:MM:SS.ffff` (log reader only). */
  logTime?: string;
  /** Rebuilt from a client-side rendering (a routing server's log), not printed by the server itself. */
  reconstructed?: boolean;
  /** Free-text lines printed inside the message, such as `(DN is not configured in CME)`. */
  notes?: string[];
}

export interface TEvent extends TMessage {
  kind: 'event';
}

export interface TRequest extends TMessage {
  kind: 'request';
}

/** An event's time: seconds since 1970 and microseconds, as T-Lib's TTimeStamp. */
export interface TTime {
  secs: number;
  usecs: number;
}
