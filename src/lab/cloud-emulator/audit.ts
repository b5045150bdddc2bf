// The audit trail the admin API pages through: every API request with its status, every injected event
// with its outcome. Plain arrays with one shared sequence, capped so a long benchmark cannot exhaust memory.

export interface AuditRequest {
  seq: number;
  method: string;
  path: string;
  status: number;
  at: string;
  ms: number;
  fault?: string;
}

export interface AuditEvent {
  seq: number;
  type: string;
  eventId: string;
  conversationId?: string;
  status: 'accepted' | 'rejected' | 'duplicate';
  reason?: string;
}

export class AuditLog {
  private seq = 0;
  requests: AuditRequest[] = [];
  events: AuditEvent[] = [];

  constructor(private readonly cap = 2_000_000) {}

  request(r: Omit<AuditRequest, 'seq'>): void {
    this.requests.push({ seq: ++this.seq, ...r });
    if (this.requests.length > this.cap) this.requests.splice(0, this.cap / 4);
  }

  event(
    type: string,
    eventId: string,
    status: AuditEvent['status'],
    conversationId?: string,
    reason?: string,
  ): void {
    const e: AuditEvent = { seq: ++this.seq, type, eventId, status };
    if (conversationId !== undefined) e.conversationId = conversationId;
    if (reason !== undefined) e.reason = reason;
    this.events.push(e);
    if (this.events.length > this.cap) this.events.splice(0, this.cap / 4);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Entries after `since`, at most `limit` of each list. */
  since(since: number, limit: number): { requests: AuditRequest[]; events: AuditEvent[]; lastSeq: number } {
    return {
      requests: after(this.requests, since, limit),
      events: after(this.events, since, limit),
      lastSeq: this.seq,
    };
  }

  clear(): void {
    this.requests = [];
    this.events = [];
  }
}

function after<T extends { seq: number }>(list: T[], since: number, limit: number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as T).seq <= since) lo = mid + 1;
    else hi = mid;
  }
  return list.slice(lo, lo + limit);
}
