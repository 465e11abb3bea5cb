import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { clientAddress, limitKey, PEER_HEADER } from '@/lib/control/client-address';
import { findSandbox } from '@/lib/db/app-db';
import { idleSandboxes } from '@/lib/workshop/cleanup';
import { roomState } from '@/lib/main-thread/room';
import { appRuntime } from '@/lib/runtime';

/**
 * Finding 4: server-wide limiter keys let one client lock everyone out of instructor
 * sign-in and sandbox creation, and wrong join codes were not throttled at all.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let session: typeof import('@/app/api/workshop/session/route');
let sandbox: typeof import('@/app/api/lab/sandbox/route');
let join: typeof import('@/app/api/lab/join/route');

beforeAll(async () => {
  lab = await startTestLab('l', { SCALE_LAB_INSTRUCTOR_TOKEN: 'the-real-instructor' });
  session = await import('@/app/api/workshop/session/route');
  sandbox = await import('@/app/api/lab/sandbox/route');
  join = await import('@/app/api/lab/join/route');
});
afterAll(() => lab.stop());

const from = (address: string, extra: Record<string, string> = {}) => ({ [PEER_HEADER]: address, ...extra });
const json = { 'content-type': 'application/json' };

describe('limits are per client address', () => {
  it('a token guesser gets 429 while the real instructor, elsewhere, signs in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await session.POST(
        new Request('http://localhost/api/workshop/session', {
          method: 'POST',
          headers: from('203.0.113.9', json),
          body: JSON.stringify({ token: `guess-${i}` }),
        }),
      );
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    const real = await session.POST(
      new Request('http://localhost/api/workshop/session', {
        method: 'POST',
        headers: from('198.51.100.7', json),
        body: JSON.stringify({ token: 'the-real-instructor' }),
      }),
    );
    expect(real.status).toBe(200);
  });

  it('a sandbox flooder gets 429 while a newcomer gets a sandbox', async () => {
    let limited = 0;
    for (let i = 0; i < 50 && limited === 0; i++) {
      const res = await sandbox.POST(
        new Request('http://localhost/api/lab/sandbox', { method: 'POST', headers: from('203.0.113.50') }),
      );
      if (res.status === 429) limited++;
    }
    expect(limited).toBe(1);
    const newcomer = await sandbox.POST(
      new Request('http://localhost/api/lab/sandbox', { method: 'POST', headers: from('198.51.100.8') }),
    );
    expect(newcomer.status).toBe(201);
  });

  it('wrong join codes are throttled per address, and a right code from elsewhere still joins', async () => {
    const code = (await roomState()).joinCode;
    const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    const statuses = new Set<number>();
    for (let i = 0; i < 60 && !statuses.has(429); i++) {
      const res = await join.POST(
        new Request('http://localhost/api/lab/join', {
          method: 'POST',
          headers: from('203.0.113.77', json),
          body: JSON.stringify({ code: wrong, nickname: 'guesser' }),
        }),
      );
      statuses.add(res.status);
    }
    expect(statuses.has(429)).toBe(true);
    const ok = await join.POST(
      new Request('http://localhost/api/lab/join', {
        method: 'POST',
        headers: from('198.51.100.9', json),
        body: JSON.stringify({ code, nickname: 'Ada' }),
      }),
    );
    expect(ok.status).toBe(201);
  });
});

describe('the client address', () => {
  it('is the socket peer unless proxies are trusted, then the entry the nearest trusted proxy saw', () => {
    const h = new Headers({ [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': '1.1.1.1, 192.0.2.4' });
    expect(clientAddress(h, 0)).toBe('10.0.0.2');
    expect(clientAddress(h, 1)).toBe('192.0.2.4');
    expect(clientAddress(h, 2)).toBe('1.1.1.1');
    expect(clientAddress(h, 5)).toBe('1.1.1.1');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '9.9.9.9' }), 0)).toBe('unknown');
  });

  it('keys IPv6 by its /64 and unwraps IPv4-mapped addresses', () => {
    expect(limitKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe(limitKey('2001:db8:1:2:bbbb::9'));
    expect(limitKey('2001:db8:1:2::1')).not.toBe(limitKey('2001:db8:1:3::1'));
  });
});

describe('idle cleanup keeps working', () => {
  it('a sandbox in use moves last_used_at forward, through the control API and the Shop API', async () => {
    const rt = appRuntime();
    const created = await (
      await sandbox.POST(
        new Request('http://localhost/api/lab/sandbox', { method: 'POST', headers: from('198.51.100.20') }),
      )
    ).json();
    const long = 3_600_000;
    rt.appDb
      .prepare('UPDATE sandboxes SET last_used_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 2 * long).toISOString(), created.sandboxId);
    expect(idleSandboxes(rt.appDb, long, new Date())).toContain(created.sandboxId);
    const status = await sandbox.GET(
      new Request('http://localhost/api/lab/sandbox', { headers: { authorization: `Bearer ${created.token}` } }),
    );
    expect(status.status).toBe(200);
    expect(idleSandboxes(rt.appDb, long, new Date())).not.toContain(created.sandboxId);

    rt.appDb
      .prepare('UPDATE sandboxes SET last_used_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 2 * long).toISOString(), created.sandboxId);
    const shop = await fetch(`http://127.0.0.1:${lab.lab.status().port}/api/v1/products/1`, {
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(shop.status).toBe(200);
    expect(Date.parse(findSandbox(rt.appDb, created.sandboxId)!.lastUsedAt)).toBeGreaterThan(Date.now() - long);
  });
});
