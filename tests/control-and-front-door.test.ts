import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDataDir } from '@/lib/testing/test-env';
import { startInProcessLabHost } from '@/lib/lab-server/in-process-host';
import { setLabHost, type LabHost } from '@/lib/lab-server/host';
import { sandboxExists } from '@/lib/db/sandboxes';
import { issueToken } from '@/lib/learners/identity';

/**
 * The control API and the /api/v1 front door, called as Next.js would: the exported route
 * handlers with real Request objects, against a real lab server on loopback.
 */
let env: ReturnType<typeof createTestDataDir>;
let lab: LabHost;
let sandboxRoute: typeof import('@/app/api/lab/sandbox/route');
let frontDoor: typeof import('@/lib/lab-server/front-door-routes');
let secret: Uint8Array;

beforeAll(async () => {
  env = createTestDataDir();
  process.env.SCALE_LAB_DATA_DIR = env.dataDir;
  process.env.SCALE_LAB_SCALE = '0.01';
  process.env.SCALE_LAB_SECRET = 's'.repeat(40);
  secret = new TextEncoder().encode(process.env.SCALE_LAB_SECRET);
  lab = await startInProcessLabHost({ dataDir: env.dataDir, scale: 0.01, secret });
  setLabHost(lab);
  sandboxRoute = await import('@/app/api/lab/sandbox/route');
  frontDoor = await import('@/lib/lab-server/front-door-routes');
});
afterAll(async () => {
  await lab.stop();
  setLabHost(undefined);
  env.cleanup();
});

const url = (p: string) => `http://localhost:3000${p}`;
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('POST /api/lab/sandbox', () => {
  it('creates a sandbox, sets an httpOnly SameSite cookie and answers { sandboxId, token, moved: null }', async () => {
    const started = performance.now();
    const res = await sandboxRoute.POST(new Request(url('/api/lab/sandbox'), { method: 'POST' }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      sandboxId: expect.stringMatching(/^sbx_[a-z0-9]{20}$/),
      token: expect.any(String),
      // Only cluster mode moves sandboxes between nodes.
      moved: null,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(sandboxExists(env.dataDir, body.sandboxId)).toBe(true);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`scale_lab_token=${body.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('returns the same sandbox to a caller who already has one', async () => {
    const first = await sandboxRoute.POST(new Request(url('/api/lab/sandbox'), { method: 'POST' }));
    const { sandboxId } = await first.json();
    const again = await sandboxRoute.POST(
      new Request(url('/api/lab/sandbox'), { method: 'POST', headers: { cookie: cookieOf(first) } }),
    );
    expect(again.status).toBe(200);
    expect((await again.json()).sandboxId).toBe(sandboxId);
  });

  it('keeps the sandbox of an expired but authentic token, and ignores a forged one', async () => {
    const first = await (await sandboxRoute.POST(new Request(url('/api/lab/sandbox'), { method: 'POST' }))).json();
    const status = await sandboxRoute.GET(
      new Request(url('/api/lab/sandbox'), { headers: { authorization: `Bearer ${first.token}` } }),
    );
    const learnerId = JSON.parse(Buffer.from(first.token.split('.')[1], 'base64url').toString()).sub;
    expect(status.status).toBe(200);
    const expired = await issueToken(
      { learnerId, sandboxId: first.sandboxId },
      secret,
      60,
      new Date(Date.now() - 3_600_000),
    );
    const renewed = await sandboxRoute.POST(
      new Request(url('/api/lab/sandbox'), { method: 'POST', headers: { authorization: `Bearer ${expired}` } }),
    );
    expect((await renewed.json()).sandboxId).toBe(first.sandboxId);
    const forged = await issueToken(
      { learnerId, sandboxId: first.sandboxId },
      new TextEncoder().encode('f'.repeat(40)),
      60,
    );
    const other = await sandboxRoute.POST(
      new Request(url('/api/lab/sandbox'), { method: 'POST', headers: { authorization: `Bearer ${forged}` } }),
    );
    expect(other.status).toBe(201);
    expect((await other.json()).sandboxId).not.toBe(first.sandboxId);
  });
});

describe('DELETE /api/lab/sandbox', () => {
  it('401 problem without a token', async () => {
    const res = await sandboxRoute.DELETE(new Request(url('/api/lab/sandbox'), { method: 'DELETE' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it("resets the caller's sandbox to the template and leaves another learner's alone", async () => {
    const a = await sandboxRoute.POST(new Request(url('/api/lab/sandbox'), { method: 'POST' }));
    const b = await sandboxRoute.POST(new Request(url('/api/lab/sandbox'), { method: 'POST' }));
    const asA = { cookie: cookieOf(a) };
    const asB = { cookie: cookieOf(b) };
    const patch = (headers: Record<string, string>) =>
      frontDoor.PATCH(
        new Request(url('/api/v1/products/1'), {
          method: 'PATCH',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{"name":"Changed"}',
        }),
      );
    const read = async (headers: Record<string, string>) =>
      (await (await frontDoor.GET(new Request(url('/api/v1/products/1'), { headers }))).json()).name;
    const original = await read(asA);
    expect((await patch(asA)).status).toBe(200);
    expect((await patch(asB)).status).toBe(200);
    const reset = await sandboxRoute.DELETE(new Request(url('/api/lab/sandbox'), { method: 'DELETE', headers: asA }));
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ sandboxId: expect.any(String), resetAt: expect.any(String) });
    expect(await read(asA)).toBe(original);
    expect(await read(asB)).toBe('Changed');
  });
});

describe('/api/v1 front door', () => {
  it('forwards to the lab server with real HTTP and adds its own hop to Server-Timing', async () => {
    const claim = await sandboxRoute.POST(new Request(url('/api/lab/sandbox'), { method: 'POST' }));
    const res = await frontDoor.GET(new Request(url('/api/v1/products/2'), { headers: { cookie: cookieOf(claim) } }));
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(2);
    expect(res.headers.get('server-timing')).toMatch(/db;dur=.*total;dur=.*frontdoor;dur=/);
  });

  it('passes problem details through untouched', async () => {
    const res = await frontDoor.GET(new Request(url('/api/v1/products/2')));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).type).toBe('/problems/unauthorized');
  });

  it('answers 503 with Retry-After while the lab server is down', async () => {
    setLabHost(undefined);
    try {
      const res = await frontDoor.GET(new Request(url('/api/v1/products/2')));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
    } finally {
      setLabHost(lab);
    }
  });
});
