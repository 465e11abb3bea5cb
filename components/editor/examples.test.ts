import { describe, expect, it } from 'vitest';
import { parseHttpFile } from '@/lib/scratchpad/http-file';
import { httpExample } from './examples';

describe('scratchpad examples', () => {
  it('a lesson starting on a versioned path opens on the versioning requests, and they all parse', () => {
    const parsed = parseHttpFile(httpExample(['httpCache'], '/api/v1/products?limit=2'));
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const targets = parsed.requests.map(
      (r) => `${r.base} ${r.path} ${r.headers.map(([k, v]) => `${k}=${v}`).join(',')}`,
    );
    expect(targets.slice(0, 5)).toEqual([
      '/api/v1 /products/1 ',
      '/api/v2 /products/1 ',
      '/api/shop /products/1 API-Version=2',
      '/api/shop /products/1 ',
      '/api/shop /products/1 API-Version=3',
    ]);
    expect(parsed.requests.find((r) => r.method === 'POST' && r.base === '/api/v2')?.body).toContain(
      '"currency": "EUR"',
    );
  });

  it('other lessons keep their own examples', () => {
    expect(httpExample(['httpCache'], '/products/1')).toContain('If-None-Match');
    expect(httpExample(['httpCache'], '/products/1')).not.toContain('API-Version');
  });
});
