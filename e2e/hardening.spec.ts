import { expect, test } from '@playwright/test';

/**
 * What only the real server shows: proxy.ts in front of routing (a bad percent escape was a
 * 500 text/plain, /api/lab/ the HTML 404 page), a garbled cookie on a real browser request,
 * the control body cap over a real socket, and 405s as Next.js serves them.
 */
const problem = 'application/problem+json';

test('a malformed percent escape in a path is 400 problem+json, for the Shop and control APIs', async ({ request }) => {
  for (const path of ['/api/v1/products/%E0%A4%A', '/api/lab/lessons/%E0%A4%A', '/api/v2/users/%ZZ']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(res.headers()['content-type'], path).toBe(problem);
  }
});

test('unknown paths under /api/ are problem+json 404s', async ({ request }) => {
  for (const path of ['/api/lab', '/api/lab/', '/api/lab/nothing', '/api/workshop/nothing', '/api/nothing']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect(res.headers()['content-type'], path).toBe(problem);
  }
});

test('405 has a problem+json body and Allow', async ({ request }) => {
  const res = await request.delete('/api/lab/health');
  expect(res.status()).toBe(405);
  expect(res.headers()['content-type']).toBe(problem);
  expect(res.headers().allow).toBe('GET, HEAD, OPTIONS');
});

test('a browser holding a garbled token cookie still gets a sandbox', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'scale_lab_token', value: '%E0%A4%A', url: baseURL! }]);
  const res = await page.request.post('/api/lab/sandbox');
  expect(res.status()).toBe(201);
  const shop = await page.request.get('/api/v1/products/1', { headers: { cookie: 'scale_lab_token=%E0%A4%A' } });
  expect(shop.status()).toBe(401);
});

test('a control body over the cap is refused with 413 before it is read', async ({ request }) => {
  const res = await request.post('/api/lab/join', {
    headers: { 'content-type': 'application/json' },
    data: JSON.stringify({ code: 'ABCDEF', nickname: 'x'.repeat(200_000) }),
  });
  expect(res.status()).toBe(413);
  expect(res.headers()['content-type']).toBe(problem);
});
