import type { QueryRecorder } from '../db/recorder';
import type { KnobSettings } from '../knobs/schema';
import type { JobsPort, ReaderPort } from './ports';
import type { RequestCache } from './stages/app-cache';
import type { ApiRequest, ApiResponse } from './types';
import type { ApiBase, ApiVersion } from './versions';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type HandlerContext = {
  req: ApiRequest;
  params: Record<string, string>;
  q: QueryRecorder;
  /** Parsed JSON body for POST/PATCH (already checked to be JSON). */
  body: unknown;
  /** The full request path (base included), for `instance` in problem details. */
  instance: string;
  /** The contract this request gets, and the mount it came in on (for Location and Link). */
  version: ApiVersion;
  base: ApiBase;
  now: () => Date;
  sandboxId: string;
  settings: KnobSettings;
  /** The application cache as this request sees it (records HIT/MISS for X-Cache). */
  cache: RequestCache;
  readers: ReaderPort;
  cursorSecret: Buffer;
  /** The lab server's job queue: wake its worker, or reopen the sandbox after a long await. */
  jobs: JobsPort;
};

export type { JobsPort };

export type Route = {
  method: Method;
  /** '/products/{id}': also the route template used in traces and metrics. */
  pattern: string;
  handler: (ctx: HandlerContext) => ApiResponse | Promise<ApiResponse>;
};

// params[i] is the name of segment i's parameter ('{id}' -> 'id'), or null for a literal segment.
type Compiled = Route & { segments: string[]; params: Array<string | null> };

export type RouteMatch =
  | { kind: 'match'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** A tiny segment matcher: the Shop API has a dozen routes, a trie would be noise. */
export function createRouter(routes: Route[]) {
  const compiled: Compiled[] = routes.map((r) => {
    const segments = r.pattern.split('/').filter(Boolean);
    const params = segments.map((seg) => (seg.charCodeAt(0) === 123 /* { */ ? seg.slice(1, -1) : null));
    return { ...r, segments, params };
  });
  // Only routes with as many segments as the path can match it: look at those alone (same order).
  const byLength = new Map<number, Compiled[]>();
  for (const c of compiled) byLength.set(c.segments.length, [...(byLength.get(c.segments.length) ?? []), c]);

  function matchPath(c: Compiled, parts: string[]): Record<string, string> | null {
    if (c.segments.length !== parts.length) return null;
    let params: Record<string, string> | null = null;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      // The name was cut from '{id}' once, at compile time, not per request.
      const name = c.params[i];
      if (name) (params ??= {})[name] = safeDecode(part);
      else if (c.segments[i] !== part) return null;
    }
    return params ?? NO_PARAMS;
  }

  return function match(method: string, path: string): RouteMatch {
    const parts = pathSegments(path);
    let allow: Set<string> | null = null;
    for (const c of byLength.get(parts.length) ?? []) {
      const params = matchPath(c, parts);
      if (!params) continue;
      if (c.method === method || (method === 'HEAD' && c.method === 'GET')) return { kind: 'match', route: c, params };
      (allow ??= new Set()).add(c.method);
    }
    if (allow === null) return { kind: 'not-found' };
    return { kind: 'method-not-allowed', allow: allowList(allow) };
  };
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** '/products/12/' -> ['products', '12']: empty segments dropped, as split('/').filter(Boolean) would. */
export function pathSegments(path: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i === path.length || path.charCodeAt(i) === 47 /* / */) {
      if (i > start) parts.push(path.slice(start, i));
      start = i + 1;
    }
  }
  return parts;
}

function safeDecode(part: string): string {
  if (!part.includes('%')) return part; // nothing to decode: skip the call and its try
  try {
    return decodeURIComponent(part);
  } catch {
    // A broken %-escape is the client's mistake; keep the raw text so validation can name it.
    return part;
  }
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];

/** The Allow header value for a set of route methods: HEAD comes with GET, OPTIONS always. */
export function allowList(methods: Iterable<string>): string[] {
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  set.add('OPTIONS');
  return METHOD_ORDER.filter((m) => set.has(m));
}
