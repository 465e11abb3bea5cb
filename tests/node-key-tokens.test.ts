import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { roomState } from '@/lib/main-thread/room';
import { verifyToken } from '@/lib/learners/identity';

/**
 * Behind nginx (SCALE_LAB_TRUST_PROXY=1) every route that issues a learner token puts the key
 * nginx hashed the request on in front of it and says the key back for nginx's cookie; a
 * malformed key is ignored, and a token whose prefix is not its signed key is a 401 problem.
 * tests/cluster/affinity.test.ts shows the same through a real nginx and three nodes.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let sandbox: typeof import('@/app/api/lab/sandbox/route');
let join: typeof import('@/app/api/lab/join/route');

beforeAll(async () => {
  lab = await startTestLab('q', { SCALE_LAB_TRUST_PROXY: '1', SCALE_LAB_INSTRUCTOR_TOKEN: 'node-key-instructor' });
  sandbox = await import('@/app/api/lab/sandbox/route');
  join = await import('@/app/api/lab/join/route');
});
afterAll(() => lab.stop());

const KEY = '0f3a9c1e5b7d4a2f8c6e0b1d3f5a7c9e';
const post = (headers: Record<string, string>) =>
  sandbox.POST(new Request('http://localhost/api/lab/sandbox', { method: 'POST', headers }));
const describeSandbox = (token: string) =>
  sandbox.GET(new Request('http://localhost/api/lab/sandbox', { headers: { authorization: `Bearer ${token}` } }));

describe('tokens issued behind nginx carry its key', () => {
  it('POST /api/lab/sandbox: `<key>~<jwt>`, the key said back, and the token works', async () => {
    const res = await post({ 'x-scale-lab-node-key': KEY });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-scale-lab-node-key')).toBe(KEY);
    const { token, sandboxId } = await res.json();
    expect(token).toMatch(new RegExp(`^${KEY}~eyJ`));
    expect(res.headers.get('set-cookie')).toContain(`scale_lab_token=${token};`);
    expect((await verifyToken(token, lab.secret)).ok).toBe(true);
    expect((await (await describeSandbox(token)).json()).sandboxId).toBe(sandboxId);
    // Claimed again with the same key (nginx hashes `Bearer <key>~…` on the key): same sandbox, same key.
    const again = await post({ authorization: `Bearer ${token}`, 'x-scale-lab-node-key': KEY });
    expect(again.status).toBe(200);
    const body = await again.json();
    expect([body.sandboxId, body.token.startsWith(`${KEY}~`)]).toEqual([sandboxId, true]);
  });

  it("a renewal keeps the token's key when the request has none, and takes the key the request was placed by", async () => {
    const { token, sandboxId } = await (await post({ 'x-scale-lab-node-key': KEY })).json();
    // Reached without nginx's header (a node hit directly, a proxy not yet trusted): the key stays.
    const kept = await post({ authorization: `Bearer ${token}` });
    const keptBody = await kept.json();
    expect([kept.status, keptBody.sandboxId, kept.headers.get('x-scale-lab-node-key')]).toEqual([200, sandboxId, KEY]);
    expect(keptBody.token).toMatch(new RegExp(`^${KEY}~eyJ`));
    // Placed by another key (the browser's cookie changed): the token and the cookie follow it.
    const moved = await post({
      authorization: `Bearer ${keptBody.token}`,
      'x-scale-lab-node-key': 'the-new-cookie-key',
    });
    const movedBody = await moved.json();
    expect([moved.headers.get('x-scale-lab-node-key'), movedBody.sandboxId]).toEqual(['the-new-cookie-key', sandboxId]);
    expect(movedBody.token).toMatch(/^the-new-cookie-key~eyJ/);
  });

  it('a malformed key, or none, gives a plain token and no key header', async () => {
    for (const key of [null, 'short', 'a;b=c;d=e;f']) {
      const res = await post(key === null ? {} : { 'x-scale-lab-node-key': key });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-scale-lab-node-key')).toBeNull();
      expect((await res.json()).token).toMatch(/^eyJ[^~]*$/);
    }
  });

  it('a token whose prefix is not its own key is 401 problem+json, not a 500', async () => {
    const { token } = await (await post({ 'x-scale-lab-node-key': KEY })).json();
    for (const forged of [token.replace(KEY, 'another-learners-key'), token.replace(KEY, 'x'), `${KEY}~${token}`]) {
      const res = await describeSandbox(forged);
      expect([res.status, res.headers.get('content-type')]).toEqual([401, 'application/problem+json']);
    }
  });

  it('POST /api/lab/join issues the same kind of token', async () => {
    const code = (await roomState()).joinCode;
    const res = await join.POST(
      new Request('http://localhost/api/lab/join', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-scale-lab-node-key': 'room-learner-key' },
        body: JSON.stringify({ code, nickname: 'ada' }),
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('x-scale-lab-node-key')).toBe('room-learner-key');
    expect((await res.json()).token).toMatch(/^room-learner-key~eyJ/);
  });
});
