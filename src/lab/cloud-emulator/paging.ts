// The paging schemes of the real API: page-number entity listings, SCIM startIndex/count, nextPage tokens.
import { invalidValue } from './errors.ts';

export type Query = Record<string, string | string[] | undefined>;

export const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
export const all = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean);

export function intParam(q: Query, name: string, dflt: number, min: number, max: number): number {
  const raw = first(q[name]);
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalidValue(name, `${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

export interface PageParams {
  pageSize: number;
  pageNumber: number;
}

export function pageParams(q: Query, maxPageSize = 500, defaultPageSize = 25): PageParams {
  return {
    pageSize: intParam(q, 'pageSize', defaultPageSize, 1, maxPageSize),
    pageNumber: intParam(q, 'pageNumber', 1, 1, 1_000_000),
  };
}

function uri(path: string, q: Query, pageSize: number, pageNumber: number): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (k === 'pageSize' || k === 'pageNumber' || v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  }
  sp.set('pageSize', String(pageSize));
  sp.set('pageNumber', String(pageNumber));
  return `${path}?${sp.toString()}`;
}

/** `{entities, pageSize, pageNumber, total, pageCount, firstUri, selfUri, lastUri, nextUri?, previousUri?}`. */
export function entityListing<T>(items: T[], p: PageParams, path: string, q: Query, withTotals = true) {
  const start = (p.pageNumber - 1) * p.pageSize;
  const pageCount = Math.max(1, Math.ceil(items.length / p.pageSize));
  const listing: Record<string, unknown> = {
    entities: items.slice(start, start + p.pageSize),
    pageSize: p.pageSize,
    pageNumber: p.pageNumber,
  };
  if (withTotals) {
    listing.total = items.length;
    listing.pageCount = pageCount;
    listing.lastUri = uri(path, q, p.pageSize, pageCount);
  }
  listing.firstUri = uri(path, q, p.pageSize, 1);
  listing.selfUri = uri(path, q, p.pageSize, p.pageNumber);
  if (start + p.pageSize < items.length) listing.nextUri = uri(path, q, p.pageSize, p.pageNumber + 1);
  if (p.pageNumber > 1) listing.previousUri = uri(path, q, p.pageSize, p.pageNumber - 1);
  return listing;
}

/** `nextPage` paging (STA): the token is the next start offset, opaque to callers. */
export function nextPageListing<T>(items: T[], q: Query, path: string, defaultPageSize = 20) {
  const pageSize = intParam(q, 'pageSize', defaultPageSize, 1, 500);
  const raw = first(q.nextPage);
  const start = raw ? Number(Buffer.from(raw, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw invalidValue('nextPage', `nextPage "${raw}" is not a valid page token`);
  const listing: Record<string, unknown> = {
    entities: items.slice(start, start + pageSize),
    pageSize,
    total: items.length,
    pageCount: Math.max(1, Math.ceil(items.length / pageSize)),
    selfUri: path,
  };
  if (start + pageSize < items.length) {
    const token = Buffer.from(String(start + pageSize)).toString('base64url');
    listing.nextUri = `${path}?pageSize=${pageSize}&nextPage=${token}`;
  }
  return listing;
}

/** Case-insensitive match with `*` wildcards (the queue and wrap-up code `name` filters). */
export function nameMatcher(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return (name) => re.test(name);
}
