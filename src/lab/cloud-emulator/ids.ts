// Id and time formats the real API insists on.
import { randomUUID } from 'node:crypto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
/** The Events API's documented form: "yyyy-MM-ddTHH:mm:ss[.mmm]Z". */
const EVENT_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

export const newId = (): string => randomUUID();

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && v.length === 36 && UUID_RE.test(v);
}

/** "A unique (V4 UUID) eventId": version nibble 4, RFC 4122 variant. */
export function isUuidV4(v: unknown): v is string {
  return typeof v === 'string' && v.length === 36 && UUID_V4_RE.test(v);
}

/** Milliseconds of an Events API `eventDateTime` (UTC, `Z`, no or three fraction digits), else NaN. */
export function eventMs(v: unknown): number {
  if (typeof v !== 'string' || !EVENT_TIME_RE.test(v)) return NaN;
  return Date.parse(v);
}

/** Milliseconds of an ISO-8601 date-time with a zone, or NaN when it is not one. */
export function isoMs(v: unknown): number {
  if (typeof v !== 'string' || !ISO_RE.test(v)) return NaN;
  return Date.parse(v);
}

export const nowIso = (): string => new Date().toISOString();

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
