import { describe, expect, it } from 'vitest';
import { splitUrl } from './split-url';

describe('splitUrl (the lab server hot path)', () => {
  it('splits every target exactly as new URL() does', () => {
    const targets = [
      '/api/v1/users/1',
      '/api/v1/products/12?fields=id,sku,name',
      '/api/v1/products?limit=5&sort=-price&page=2',
      '/healthz',
      '/api/v1/users/1?',
      '/api/v1/../v2/users/1',
      '/api/v1/./users',
      '/api/v1/users/%31',
      '//evil/api/v1/users/1',
      '/api/v1/users/1#frag',
      '/api/v1/users?email=a b@x.io',
      '/api/v1/users?email=%zz',
      '/api/v1/é',
      '/api\\v1/users',
      '/api/v1/users/1?fields=id&fields=name',
      '/api/v1/users?q="x"<y>',
      '/',
      '/?',
      '/?a=1',
      '/api/v1/users/1.json',
      '/api/v1/users?x=1.5%20',
      '/api/v1/users/1??a',
      '/api/v1/users?\u007f',
      '/api/v1/users\u0000',
    ];
    for (const t of targets) {
      const url = new URL(t, 'http://lab.local');
      const got = splitUrl(t);
      expect({ t, pathname: got.pathname, query: [...new URLSearchParams(got.search)] }).toEqual({
        t,
        pathname: url.pathname,
        query: [...url.searchParams],
      });
    }
  });
});
