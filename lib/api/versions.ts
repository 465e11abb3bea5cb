import { problem } from './problem';
import type { ApiResponse } from './types';

/**
 * Which contract a request gets. The Shop API has two: v1 (the one every lesson loads) and
 * v2 (cursor pages and money objects). A client picks one by path (/api/v1, /api/v2) or,
 * on the unversioned mount /api/shop, by the API-Version request header.
 */
export const API_VERSIONS = [1, 2] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export const VERSION_BASES = { 1: '/api/v1', 2: '/api/v2' } as const satisfies Record<ApiVersion, string>;
/** The same resources without a version in the URL: the API-Version header chooses. */
export const UNVERSIONED_BASE = '/api/shop';
export const API_BASES = [VERSION_BASES[1], VERSION_BASES[2], UNVERSIONED_BASE] as const;
export type ApiBase = (typeof API_BASES)[number];

/** Request header of the header-based mount, and the response header that says what was served. */
export const VERSION_HEADER = 'API-Version';
/**
 * A client that sends no API-Version was written before the header existed, so it gets the
 * oldest supported version. Defaulting to the newest would break every such client the day
 * a new version ships, which is the thing versioning is for.
 */
export const DEFAULT_HEADER_VERSION: ApiVersion = 1;

/**
 * Policy, not measurement: v2 shipped and v1 was deprecated on 1 November 2026, and v1 is
 * announced to go away six months later. Fixed dates, so every response (and every test)
 * says the same thing. This lab never actually removes v1, because the other lessons load
 * it; a real API would answer 410 Gone after the Sunset date.
 */
export const V1_DEPRECATED_AT = new Date(Date.UTC(2026, 10, 1));
export const V1_SUNSET_AT = new Date(Date.UTC(2027, 4, 1));
/** Human-readable deprecation notice (RFC 9745 rel="deprecation"): the lesson that explains it. */
export const V1_DEPRECATION_DOCS = '/lessons/api-versioning';

/** Splits a request path into its mount and the path below it, or null when it is no API path. */
export function splitApiPath(pathname: string): { base: ApiBase; path: string } | null {
  for (const base of API_BASES) {
    // startsWith + one char code, not a `${base}/` string per base per request.
    if (pathname.startsWith(base) && (pathname.length === base.length || pathname.charCodeAt(base.length) === 47))
      return { base, path: pathname.slice(base.length) || '/' };
  }
  return null;
}

export type Negotiated = { ok: true; version: ApiVersion } | { ok: false; response: ApiResponse };

// Every request negotiates: the answers that are always the same are made once, not per request.
const NEGOTIATED: Record<ApiVersion, Negotiated> = {
  1: Object.freeze({ ok: true, version: 1 }),
  2: Object.freeze({ ok: true, version: 2 }),
};

/** The version a request asked for: by its path, or on the unversioned mount by its header. */
export function negotiateVersion(base: ApiBase, headerValue: string | undefined, instance: string): Negotiated {
  if (base === VERSION_BASES[1]) return NEGOTIATED[1];
  if (base === VERSION_BASES[2]) return NEGOTIATED[2];
  if (headerValue === undefined) return NEGOTIATED[DEFAULT_HEADER_VERSION];
  const wanted = headerValue.trim();
  const version = API_VERSIONS.find((v) => String(v) === wanted);
  if (version) return NEGOTIATED[version];
  const supported = API_VERSIONS.map(String);
  const detail = `${VERSION_HEADER}: ${wanted.slice(0, 40) || '(empty)'} is not a version of this API. Supported: ${supported.join(', ')}; without the header you get ${DEFAULT_HEADER_VERSION}.`;
  return {
    ok: false,
    response: problem('unsupported-api-version', detail, {
      instance,
      supported,
      errors: [{ field: VERSION_HEADER, in: 'header', detail: `must be one of: ${supported.join(', ')}` }],
    }),
  };
}

/** RFC 9745 §2.1: a Structured Field Date, "@" and seconds since the epoch. */
export const deprecationValue = (at: Date) => `@${Math.floor(at.getTime() / 1000)}`;

/**
 * Headers every response of a version carries, added after the HTTP cache stage so that a
 * 304 says them too. v1 is deprecated: Deprecation (RFC 9745), Sunset (RFC 8594, an
 * HTTP-date) and Link to its successor and to the notice. The header mount also says which
 * version answered and Varies on the header, so no cache hands a v1 body to a v2 client.
 */
// v1's deprecation headers are the same on every response: computed once, not per request.
const V1_DEPRECATION = deprecationValue(V1_DEPRECATED_AT);
const V1_SUNSET = V1_SUNSET_AT.toUTCString();
const V1_DEPRECATION_LINK = `<${V1_DEPRECATION_DOCS}>; rel="deprecation"; type="text/html"`;

export function versionHeaders(res: ApiResponse, base: ApiBase, version: ApiVersion | null, path: string): void {
  if (base === UNVERSIONED_BASE) {
    if (version !== null) res.headers[VERSION_HEADER.toLowerCase()] = String(version);
    res.headers.vary = appendToken(res.headers.vary, VERSION_HEADER);
  }
  if (version !== 1) return;
  res.headers.deprecation = V1_DEPRECATION;
  res.headers.sunset = V1_SUNSET;
  const links = `<${VERSION_BASES[2]}${path === '/' ? '' : path}>; rel="successor-version", ${V1_DEPRECATION_LINK}`;
  const own = res.headers.link;
  res.headers.link = own ? `${own}, ${links}` : links;
}

function appendToken(list: string | undefined, token: string): string {
  const tokens = (list ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (!tokens.some((t) => t.toLowerCase() === token.toLowerCase())) tokens.push(token);
  return tokens.join(', ');
}
