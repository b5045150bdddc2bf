// The emulator's whole audit trail from a sequence number on. The admin API answers at most `limit` of
// each list per page (100,000 by default): a long run (the ten-minute kill test injects more events
// than that) read in one page would check only its beginning.

interface Seq {
  seq: number;
}

export interface AuditTrail<R extends Seq, E extends Seq> {
  requests: R[];
  events: E[];
  /** The audit's last sequence number when the last page was read. */
  lastSeq: number;
}

export async function readAudit<R extends Seq, E extends Seq>(
  emulatorUrl: string,
  since = 0,
  pageSize = 50_000,
): Promise<AuditTrail<R, E>> {
  const requests: R[] = [];
  const events: E[] = [];
  // Requests and events share one sequence: a page ends where the earlier of its full lists ends, and
  // what a list already gave is skipped when the next page repeats it.
  let from = since;
  let lastRequest = since;
  let lastEvent = since;
  for (;;) {
    const url = `${emulatorUrl}/__emulator/audit?since=${from}&limit=${pageSize}`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const page = (await res.json()) as AuditTrail<R, E>;
    for (const r of page.requests) {
      if (r.seq <= lastRequest) continue;
      requests.push(r);
      lastRequest = r.seq;
    }
    for (const e of page.events) {
      if (e.seq <= lastEvent) continue;
      events.push(e);
      lastEvent = e.seq;
    }
    const ends: number[] = [];
    if (page.requests.length >= pageSize) ends.push(page.requests[page.requests.length - 1]!.seq);
    if (page.events.length >= pageSize) ends.push(page.events[page.events.length - 1]!.seq);
    if (!ends.length) return { requests, events, lastSeq: page.lastSeq };
    from = Math.min(...ends);
  }
}
