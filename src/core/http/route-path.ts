// Which area a request belongs to, decided as the router decides it. Authorization that tests the raw
// URL is bypassed by spellings the router accepts (`/%61pi/…` is routed to `/api/…`), so a guard asks
// for the matched route's pattern; a request that matched no route is judged on its path normalised
// the loosest way (percent-decoded, slashes collapsed, lower case), so that `//api/…` and `/API/…` are
// refused as /api/* rather than answered 404 without a token.

/** The path as the loosest reader would take it. Pure. */
export function normalisedPath(rawUrl: string): string {
  const q = rawUrl.search(/[?#]/);
  let path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  // Decoding twice catches `%2561` (an encoded `%61`); a malformed escape leaves the rest as it is.
  for (let i = 0; i < 2; i++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      break;
    }
  }
  return path
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .toLowerCase();
}

/** True when `path` is `prefix` itself or below it (`/api` covers `/api` and `/api/…`, not `/apix`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * True when the request falls under `prefix`: by the route it matched, or (also) by its normalised path.
 * `routeUrl` is fastify's `request.routeOptions.url` (undefined when no route matched).
 */
export function requestIsUnder(routeUrl: string | undefined, rawUrl: string, prefix: string): boolean {
  if (routeUrl !== undefined && isUnder(routeUrl, prefix)) return true;
  return isUnder(normalisedPath(rawUrl), prefix.toLowerCase());
}
