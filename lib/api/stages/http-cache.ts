import { createHash } from 'node:crypto';
import type { KnobSettings } from '../../knobs/schema';
import type { ApiRequest, ApiResponse } from '../types';
import type { Stage } from '../stage';
import { timed } from './timed';

/** A strong validator from the exact bytes of the representation: it changes when they do. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter for If-None-Match.
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/**
 * HTTP caching knob for GETs: ETag + Cache-Control when on, `no-store` when off. The data
 * is the learner's own, so caches are told `private`. A matching If-None-Match gets 304
 * with no body: the server still built the response (unless the app cache had it), but
 * the bytes never cross the network.
 */
export function applyHttpCache(req: ApiRequest, res: ApiResponse, knob: KnobSettings['httpCache']): ApiResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') return res;
  if (!knob.enabled) {
    res.headers['cache-control'] = 'no-store';
    return res;
  }
  if (res.status !== 200 || res.body === null) return res;
  // A handler that set its own policy knows better (a job's status must not be reused while it changes).
  if (res.headers['cache-control']) return res;
  const etag = etagOf(res.body);
  res.headers.etag = etag;
  res.headers['cache-control'] = `private, max-age=${knob.maxAgeSeconds}`;
  res.headers.vary = 'Authorization, Cookie';
  const inm = req.headers['if-none-match'];
  if (inm && matches(inm, etag)) {
    const keep = ['etag', 'cache-control', 'vary', 'server-timing', 'x-cache', 'ratelimit', 'ratelimit-policy'];
    const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => keep.includes(k)));
    return { status: 304, headers, body: null };
  }
  return res;
}

/** The HTTP-cache knob, after the handler: ETag and Cache-Control, or 304 for a matching If-None-Match. */
export const httpCacheStage: Stage = {
  name: 'etag',
  run(ctx) {
    if (!ctx.response || !ctx.sandbox) return undefined;
    const knob = ctx.sandbox.settings.httpCache;
    const t0 = knob.enabled ? performance.now() : 0;
    ctx.response = applyHttpCache(ctx.req, ctx.response, knob);
    if (knob.enabled && ctx.response.headers.etag) timed(ctx, 'etag', t0);
    return undefined;
  },
};
