import { problem } from './problem';
import { toFetchResponse } from './fetch-adapter';
// The prefixes something under /api/ is served by (the Shop API's mounts and the control APIs):
// one list for proxy.ts, through this file, and for scripts/http-client-errors.cjs, which makes
// the same checks for requests with a body.
import apiPrefixes from './api-prefixes.json';

const { API_PREFIXES } = apiPrefixes;

function rawPathname(url: string): string {
  // Not new URL(): its pathname is already normalised; this is the path as the client sent it.
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  return m?.[1] || '/';
}

export function hasBadEscape(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** A problem response for a path no route can serve, or null to let routing go on. */
export function badPathResponse(url: string): Response | null {
  const path = rawPathname(url);
  if (hasBadEscape(path)) {
    return toFetchResponse(
      problem(
        'invalid-parameters',
        'The path has a malformed percent escape (a % must be followed by two hex digits that spell UTF-8). Encode path segments with encodeURIComponent.',
        {
          errors: [{ field: 'path', in: 'path', detail: 'malformed percent-encoding' }],
        },
      ),
    );
  }
  if (!API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) {
    return toFetchResponse(
      problem(
        'route-not-found',
        `There is no API at ${path.slice(0, 200)}. The APIs are /api/v1 and /api/v2 (the Shop API) and /api/lab (the lab's control API).`,
        { instance: path.slice(0, 200) },
      ),
    );
  }
  return null;
}
