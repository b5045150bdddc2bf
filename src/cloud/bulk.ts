// The per-call limits the API documents, and splitting a long list into calls that respect them.

export const BULK_LIMITS = Object.freeze({
  /** POST/PATCH /api/v2/routing/queues/{id}/members. */
  queueMembers: 100,
  /** POST /api/v2/routing/queues/{id}/wrapupcodes. */
  queueWrapupCodes: 100,
  /** PUT/PATCH /api/v2/users/{id}/routingskills/bulk: no official figure; Genesys's Terraform provider uses 50. */
  userRoutingSkills: 50,
  /** PATCH /api/v2/users/{id}/routinglanguages/bulk. */
  userRoutingLanguages: 50,
  /** PATCH /api/v2/users/bulk. */
  usersPatch: 50,
  /** External ids per user. */
  userExternalIds: 100,
  /** `ids` of GET /api/v2/speechandtextanalytics/programs. */
  staProgramIds: 50,
  /** SCIM `count`: larger pages risk a 429. */
  scimPageSize: 25,
  /** GET …/members `pageSize`, and the usual page-number maximum. */
  pageSize: 100,
  /** Events API batch (the emulator's default; configurable on the client). */
  eventsBatch: 100,
});

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `call` once per chunk, one after another (order matters to the API), collecting the results. */
export async function inChunks<T, R>(
  items: readonly T[],
  size: number,
  call: (part: T[], index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let i = 0;
  for (const part of chunk(items, size)) results.push(await call(part, i++));
  return results;
}
