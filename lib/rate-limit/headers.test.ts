import { describe, expect, it } from 'vitest';
import type { Decision, RateLimitPolicy } from './algorithms';
import { ceilSeconds, formatRateLimit, formatRateLimitPolicy, rateLimitHeaders } from './headers';

const policy: RateLimitPolicy = { algorithm: 'fixed-window', limit: 100, windowMs: 60_000, burst: 100 };

describe('rate limit headers', () => {
  it('formats an allowed decision without Retry-After', () => {
    const d: Decision = { allowed: true, limit: 100, remaining: 42, resetMs: 11_001, retryAfterMs: 0 };
    expect(rateLimitHeaders(d, policy)).toEqual({
      'RateLimit-Policy': '"default";q=100;w=60',
      RateLimit: '"default";r=42;t=12',
    });
  });

  it('adds Retry-After in whole seconds rounded up when limited', () => {
    const d: Decision = { allowed: false, limit: 100, remaining: 0, resetMs: 2_001, retryAfterMs: 2_001 };
    expect(rateLimitHeaders(d, policy)).toEqual({
      'RateLimit-Policy': '"default";q=100;w=60',
      RateLimit: '"default";r=0;t=3',
      'Retry-After': '3',
    });
  });

  it('never sends Retry-After: 0 for a sub-second wait', () => {
    const d: Decision = { allowed: false, limit: 100, remaining: 0, resetMs: 0, retryAfterMs: 0 };
    expect(rateLimitHeaders(d, policy)['Retry-After']).toBe('1');
    expect(rateLimitHeaders({ ...d, retryAfterMs: 1 }, policy)['Retry-After']).toBe('1');
    expect(rateLimitHeaders({ ...d, retryAfterMs: 1000 }, policy)['Retry-After']).toBe('1');
    expect(rateLimitHeaders({ ...d, retryAfterMs: 1001 }, policy)['Retry-After']).toBe('2');
  });

  it('rounds t up and clamps it at 0', () => {
    expect(ceilSeconds(1)).toBe(1);
    expect(ceilSeconds(1000)).toBe(1);
    expect(ceilSeconds(0)).toBe(0);
    expect(ceilSeconds(-50)).toBe(0);
    expect(formatRateLimit({ remaining: 3, resetMs: -10 })).toBe('"default";r=3;t=0');
  });

  it('reports sub-second and fractional windows as at least w=1, rounded up', () => {
    expect(formatRateLimitPolicy({ limit: 5, windowMs: 250 })).toBe('"default";q=5;w=1');
    expect(formatRateLimitPolicy({ limit: 5, windowMs: 1_500 })).toBe('"default";q=5;w=2');
  });

  it('uses a custom policy name and rejects unsafe ones', () => {
    expect(formatRateLimitPolicy(policy, 'per-ip')).toBe('"per-ip";q=100;w=60');
    expect(() => formatRateLimitPolicy(policy, 'a"b')).toThrow(/Invalid rate limit policy name/);
    expect(() => formatRateLimit({ remaining: 1, resetMs: 1 }, 'x\r\nSet-Cookie: a=b')).toThrow(RangeError);
    expect(() => formatRateLimit({ remaining: 1, resetMs: 1 }, '')).toThrow(RangeError);
  });
});
