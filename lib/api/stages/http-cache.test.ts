import { describe, expect, it } from 'vitest';
import { applyHttpCache, etagOf } from './http-cache';
import type { ApiRequest, ApiResponse } from '../types';

const req = (headers: Record<string, string> = {}, method = 'GET'): ApiRequest => ({
  method,
  path: '/products/1',
  query: new URLSearchParams(),
  headers,
  body: null,
});
const ok = (body = '{"id":1}'): ApiResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body });
const on = { enabled: true, maxAgeSeconds: 60 };

describe('HTTP cache stage', () => {
  it('off: tells every cache not to store the response', () => {
    const res = applyHttpCache(req(), ok(), { enabled: false, maxAgeSeconds: 60 });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('on: a strong ETag that changes with the bytes', () => {
    expect(etagOf('{"id":1}')).toBe(etagOf('{"id":1}'));
    expect(etagOf('{"id":1}')).not.toBe(etagOf('{"id":2}'));
    const res = applyHttpCache(req(), ok(), on);
    expect(res.headers.etag).toBe(etagOf('{"id":1}'));
    expect(res.headers['cache-control']).toBe('private, max-age=60');
  });

  it('If-None-Match with the current ETag (also weak, in a list, or *) gets 304 with no body', () => {
    const tag = etagOf('{"id":1}');
    for (const inm of [tag, `W/${tag}`, `"other", ${tag}`, '*']) {
      const res = applyHttpCache(req({ 'if-none-match': inm }), ok(), on);
      expect(res.status).toBe(304);
      expect(res.body).toBeNull();
      expect(res.headers['content-type']).toBeUndefined();
    }
    expect(applyHttpCache(req({ 'if-none-match': '"stale"' }), ok(), on).status).toBe(200);
  });

  it('leaves errors and writes alone', () => {
    expect(applyHttpCache(req(), { status: 404, headers: {}, body: '{}' }, on).headers.etag).toBeUndefined();
    expect(applyHttpCache(req({}, 'POST'), ok(), on).headers['cache-control']).toBeUndefined();
  });
});
