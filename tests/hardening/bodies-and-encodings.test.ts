import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { CONTROL_BODY_LIMIT, readBodyText } from '@/lib/control/body';
import { badPathResponse } from '@/lib/api/request-path';
import { tokenFromHeaders } from '@/lib/learners/identity';

/**
 * Findings 3, 7 and 10: unbounded control bodies, malformed percent-encoding answering 500,
 * and a lone surrogate stored as U+FFFD while the 201 echoed the original.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let join: typeof import('@/app/api/lab/join/route');
let settings: typeof import('@/app/api/lab/settings/route');
let sandbox: typeof import('@/app/api/lab/sandbox/route');
let auth: Record<string, string>;

beforeAll(async () => {
  lab = await startTestLab('b', { SCALE_LAB_INSTRUCTOR_TOKEN: 'instructor-secret-1' });
  join = await import('@/app/api/lab/join/route');
  settings = await import('@/app/api/lab/settings/route');
  sandbox = await import('@/app/api/lab/sandbox/route');
  auth = await lab.claim();
});
afterAll(() => lab.stop());

/** A body of `total` bytes made on demand, counting how much of it the server pulled. */
function endlessBody(total: number) {
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled >= total) return c.close();
      pulled += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    duplex: 'half',
  } as RequestInit);

describe('control bodies are bounded before they are read', () => {
  it('refuses on Content-Length alone, without reading the body', async () => {
    const body = endlessBody(300 * 1024 * 1024);
    const res = await join.POST(post('/api/lab/join', body.stream, { 'content-length': String(300 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('stops mid-stream past the cap when no length was declared (chunked)', async () => {
    const body = endlessBody(300 * 1024 * 1024);
    const res = await join.POST(post('/api/lab/join', body.stream));
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toContain(`${CONTROL_BODY_LIMIT} bytes`);
    expect(body.pulled()).toBeLessThan(CONTROL_BODY_LIMIT + 64 * 1024);
  });

  it('reads a body under the cap as before', async () => {
    const r = await readBodyText(post('/x', JSON.stringify({ a: 'é' })));
    expect(r).toEqual({ ok: true, text: '{"a":"é"}' });
  });
});

describe("invalid Unicode is the client's error: 422, never silently changed", () => {
  it("a lone surrogate escape in a control body (a prediction's free-text note)", async () => {
    const items = await import('@/app/api/lab/lessons/[slug]/items/route');
    const body =
      '{"kind":"prediction","item":"index-gain","value":{"choice":"It drops by 10x or more","note":"x\\ud800y"}}';
    const res = await items.PUT(
      new Request('http://localhost/api/lab/lessons/indexes/items', {
        method: 'PUT',
        body,
        headers: { ...auth, 'content-type': 'application/json' },
      }),
      { params: Promise.resolve({ slug: 'indexes' }) },
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('bytes that are not UTF-8 in a control body', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
    const res = await settings.PATCH(
      new Request('http://localhost/api/lab/settings', {
        method: 'PATCH',
        body: bytes,
        headers: { ...auth, 'content-type': 'application/json' },
      }),
    );
    expect(res.status).toBe(422);
  });

  it('a lone surrogate in a Shop API write, straight to the lab server', async () => {
    const port = lab.lab.status().port;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"name":"Ann \\udc00","email":"ann-surrogate@example.com"}',
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('bytes that are not UTF-8 in a Shop API write', async () => {
    const port = lab.lab.status().port;
    const body = Buffer.concat([
      Buffer.from('{"name":"Ann '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","email":"ann-bytes@example.com"}'),
    ]);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(422);
  });
});

describe('malformed percent-encoding', () => {
  it('a bad escape in a path is a 400 problem, for the Shop API and the control API alike', async () => {
    for (const path of ['/api/v1/products/%E0%A4%A', '/api/lab/lessons/%ZZ', '/api/v2/products/%']) {
      const res = badPathResponse(`http://localhost:3000${path}`);
      expect(res?.status).toBe(400);
      expect(res?.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(badPathResponse('http://localhost:3000/api/v1/products/%E2%82%AC')).toBeNull();
  });

  it('an unknown path under /api/ is a problem+json 404, not the HTML page', async () => {
    const res = badPathResponse('http://localhost:3000/api/nothing-here');
    expect(res?.status).toBe(404);
    expect(res?.headers.get('content-type')).toBe('application/problem+json');
  });

  it('a garbled token cookie is no token: the caller gets a fresh sandbox, not a 500', async () => {
    expect(tokenFromHeaders(null, 'scale_lab_token=%E0%A4%A')).toBeUndefined();
    const res = await sandbox.POST(
      new Request('http://localhost/api/lab/sandbox', {
        method: 'POST',
        headers: { cookie: 'scale_lab_token=%E0%A4%A' },
      }),
    );
    expect(res.status).toBe(201);
    const shop = await fetch(`http://127.0.0.1:${lab.lab.status().port}/api/v1/products/1`, {
      headers: { cookie: 'scale_lab_token=%E0%A4%A' },
    });
    expect(shop.status).toBe(401);
  });
});
