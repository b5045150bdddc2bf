// One async iterator per paging scheme of the API. Each takes a `fetchPage` that performs one request,
// so the schemes stay pure of HTTP (and testable without a server). Every iterator stops on an empty
// page and after `maxPages` (a guard against a server that never says "last page").
import type { Models } from 'purecloud-platform-client-v2';

export interface PageNumberListing<T> {
  entities?: T[];
  pageNumber?: number;
  pageSize?: number;
  pageCount?: number;
  total?: number;
  nextUri?: string;
}

export interface PagingOptions {
  pageSize?: number;
  maxPages?: number;
}

const DEFAULT_MAX_PAGES = 10_000;

/** `pageSize`/`pageNumber` listings (users, queues, skills, wrap-up codes, recording keys, roles, …). */
export async function* pageNumberPages<T>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<PageNumberListing<T>>,
  opts: PagingOptions = {},
): AsyncGenerator<T> {
  const pageSize = opts.pageSize ?? 100;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await fetchPage(pageNumber, pageSize);
    const entities = page.entities ?? [];
    yield* entities;
    if (entities.length === 0) return;
    if (page.pageCount !== undefined) {
      if (pageNumber >= page.pageCount) return;
    } else if (page.total !== undefined) {
      if (pageNumber * pageSize >= page.total) return;
    } else if (!page.nextUri && entities.length < pageSize) {
      return;
    }
  }
}

export interface CursorListing<T> {
  entities?: T[];
  cursor?: string;
  nextUri?: string;
}

/** `cursor` listings (`/users/query`, `/authorization/divisions/query`): the next cursor comes back in the body or in `nextUri`. */
export async function* cursorPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorListing<T>>,
  opts: { maxPages?: number } = {},
): AsyncGenerator<T> {
  let cursor: string | undefined;
  for (let i = 0; i < (opts.maxPages ?? DEFAULT_MAX_PAGES); i++) {
    const page = await fetchPage(cursor);
    const entities = page.entities ?? [];
    yield* entities;
    const next = page.cursor ?? queryParam(page.nextUri, 'cursor');
    if (!next || entities.length === 0 || next === cursor) return;
    cursor = next;
  }
}

export interface NextPageListing<T> {
  entities?: T[];
  nextUri?: string;
}

/** `nextPage` token listings (speech and text analytics programs and mappings): the token is in `nextUri`. */
export async function* nextPagePages<T>(
  fetchPage: (nextPage: string | undefined) => Promise<NextPageListing<T>>,
  opts: { maxPages?: number } = {},
): AsyncGenerator<T> {
  let token: string | undefined;
  for (let i = 0; i < (opts.maxPages ?? DEFAULT_MAX_PAGES); i++) {
    const page = await fetchPage(token);
    const entities = page.entities ?? [];
    yield* entities;
    const next = queryParam(page.nextUri, 'nextPage');
    if (!next || entities.length === 0 || next === token) return;
    token = next;
  }
}

/** SCIM `startIndex` (1-based) / `count` listings. */
export async function* scimPages<T = Models.ScimV2User>(
  fetchPage: (
    startIndex: number,
    count: number,
  ) => Promise<{
    Resources?: T[];
    totalResults?: number;
    itemsPerPage?: number;
    startIndex?: number;
  }>,
  opts: { count?: number; maxPages?: number } = {},
): AsyncGenerator<T> {
  const count = opts.count ?? 25;
  let startIndex = 1;
  for (let i = 0; i < (opts.maxPages ?? DEFAULT_MAX_PAGES); i++) {
    const page = await fetchPage(startIndex, count);
    const resources = page.Resources ?? [];
    yield* resources;
    startIndex += resources.length;
    if (resources.length === 0) return;
    if (page.totalResults !== undefined && startIndex > page.totalResults) return;
  }
}

/** Drains an async iterator into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A query parameter of a (relative or absolute) URI, or undefined. */
export function queryParam(uri: string | undefined, name: string): string | undefined {
  if (!uri) return undefined;
  try {
    return new URL(uri, 'http://x').searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}
