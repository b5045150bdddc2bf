// The Stat Server JSON link (docs/stat-link.md): one JSON object per line over TCP. Every message is
// validated here, on both sides, so a bad line is reported with what was wrong and then skipped.
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';

const int = z.number().int();
const text = z.string().min(1);
/** Times inside the tree: epoch seconds (fractions allowed) or `{sec, usec}` like EventInfo's. */
const treeTime = z.union([z.number().nonnegative(), z.object({ sec: int.nonnegative(), usec: int.min(0) })]);
const reasons = z.record(z.string(), z.string());

export const metricSchema = z.object({
  category: z.enum(['CurrentState', 'CurrentStateReason']),
  subject: z.enum(['DNStatus', 'DNAction']),
});
export type Metric = z.infer<typeof metricSchema>;
export type StatCategory = Metric['category'];
export type StatSubject = Metric['subject'];

/** The subject each category is opened with (seed 003: "DNStatus and DNAction correspondingly"). */
export const SUBJECT_OF: Record<StatCategory, Metric['subject']> = {
  CurrentState: 'DNStatus',
  CurrentStateReason: 'DNAction',
};

export const actionSchema = z.object({
  action: int,
  time: treeTime.optional(),
  connId: z.string().optional(),
  reasons: reasons.optional(),
});

export const dnStatusSchema = z.object({
  dnId: z.string(),
  switchId: z.string().optional(),
  dnType: z.string().optional(),
  status: int,
  time: treeTime.optional(),
  actions: z.array(actionSchema).default([]),
  reasons: reasons.optional(),
});

export const agentStatusSchema = z.object({
  agentId: z.string(),
  loginId: z.string().optional(),
  status: int,
  time: treeTime.optional(),
  reasons: reasons.optional(),
  place: z
    .object({
      placeId: z.string(),
      status: int.optional(),
      dnStatuses: z.array(dnStatusSchema).default([]),
      reasons: reasons.optional(),
    })
    .nullable()
    .optional(),
});
export type AgentStatusTree = z.infer<typeof agentStatusSchema>;
export type DnStatusNode = z.infer<typeof dnStatusSchema>;
export type TreeTime = z.infer<typeof treeTime>;

const eventTime = z.object({ sec: int.nonnegative(), usec: int.min(0).max(999_999) });
export type EventTime = z.infer<typeof eventTime>;

export const serverMessageSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('EventServerMode'), mode: z.enum(['primary', 'backup']) }),
  z.object({ event: z.literal('EventStatisticOpened'), referenceId: int }),
  z.object({ event: z.literal('EventError'), referenceId: int, code: int, message: z.string() }),
  z.object({
    event: z.literal('EventInfo'),
    referenceId: int,
    time: eventTime,
    stateValue: agentStatusSchema,
  }),
  z.object({ event: z.literal('Pong'), id: z.union([int, z.string()]) }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMode = 'primary' | 'backup';

export const clientMessageSchema = z.discriminatedUnion('request', [
  z.object({
    request: z.literal('RequestOpenStatisticEx'),
    referenceId: int,
    object: z.object({ type: z.literal('Agent'), id: text, tenant: z.string() }),
    metric: metricSchema,
    notification: z.literal('Immediate'),
  }),
  z.object({ request: z.literal('RequestCloseStatistic'), referenceId: int }),
  z.object({ request: z.literal('Ping'), id: z.union([int, z.string()]) }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, line: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const res = schema.safeParse(raw);
  if (res.success) return { ok: true, message: res.data };
  const issue = res.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'message';
  return { ok: false, error: `${where}: ${issue?.message ?? 'is not valid'}` };
}

export const parseServerMessage = (line: string): Parsed<ServerMessage> =>
  parseWith(serverMessageSchema, line);
export const parseClientMessage = (line: string): Parsed<ClientMessage> =>
  parseWith(clientMessageSchema, line);

export function encodeLine(message: ServerMessage | ClientMessage): string {
  return JSON.stringify(message) + '\n';
}

/** Epoch milliseconds of an EventInfo time or a tree time. */
export function toEpochMs(t: EventTime | TreeTime): number {
  return typeof t === 'number' ? Math.round(t * 1000) : t.sec * 1000 + Math.floor(t.usec / 1000);
}

export function eventTimeOf(ms: number): EventTime {
  return { sec: Math.floor(ms / 1000), usec: (ms % 1000) * 1000 };
}

/**
 * Splits a byte stream into lines. A line longer than `maxLineBytes` is reported (as `tooLong`) and
 * dropped up to its end, so one runaway sender cannot make us buffer without bound. Bytes are decoded
 * across chunks: TCP may split a multi-byte UTF-8 character ("Réunion") between two packets.
 */
export class LineDecoder {
  private buf = '';
  private discarding = false;
  private readonly utf8 = new StringDecoder('utf8');
  constructor(private readonly maxLineBytes = 1 << 20) {}

  push(chunk: Buffer | string): { lines: string[]; tooLong: number } {
    this.buf += typeof chunk === 'string' ? chunk : this.utf8.write(chunk);
    const lines: string[] = [];
    let tooLong = 0;
    let start = 0;
    let nl: number;
    // One cut of the buffer per chunk, not per line: a burst arrives as chunks of hundreds of lines.
    while ((nl = this.buf.indexOf('\n', start)) >= 0) {
      const line = this.buf.slice(start, nl).replace(/\r$/, '');
      start = nl + 1;
      if (this.discarding) {
        this.discarding = false;
        continue;
      }
      if (line.trim()) lines.push(line);
    }
    this.buf = this.buf.slice(start);
    if (this.buf.length > this.maxLineBytes) {
      if (!this.discarding) tooLong++;
      this.discarding = true;
      this.buf = '';
    }
    return { lines, tooLong };
  }
}
