import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from '../learners/identity';
import { measureAuthCosts } from './auth-cost';
import { simulateLogins, viewToken } from './stateless';

describe('simulateLogins: two instances behind a balancer', () => {
  it('server-side sessions under round robin: every other request lands where the session is not', async () => {
    const r = await simulateLogins('session', 10);
    expect(r.steps.map((s) => s.instance)).toEqual([2, 1, 2, 1, 2, 1, 2, 1, 2, 1]);
    expect(r.loginInstance).toBe(1);
    expect(r.kept).toBe(5);
    expect(r.steps.filter((s) => s.loggedIn).every((s) => s.instance === 1)).toBe(true);
  });

  it('sticky sessions (IP hash) keep the login, because one instance gets every request', async () => {
    const r = await simulateLogins('sticky-session', 10);
    expect(r.kept).toBe(10);
    expect(new Set(r.steps.map((s) => s.instance)).size).toBe(1);
  });

  it('a signed token is verified by whichever instance gets it', async () => {
    const r = await simulateLogins('token', 10);
    expect(r.kept).toBe(10);
    expect(new Set(r.steps.map((s) => s.instance))).toEqual(new Set([1, 2]));
  });
});

describe('viewToken', () => {
  it('shows header and payload but only the start of the signature', async () => {
    const token = await issueToken(
      { learnerId: 'l-1', sandboxId: 's-1' },
      new TextEncoder().encode('x'.repeat(40)),
      3600,
      new Date('2026-01-01T00:00:00Z'),
    );
    const v = viewToken(token);
    expect(v.header).toEqual({ alg: 'HS256' });
    expect(v.payload).toMatchObject({ sub: 'l-1', sbx: 's-1', iss: 'scale-lab' });
    expect(v.expiresAt).toBe('2026-01-01T01:00:00.000Z');
    expect(v.signaturePreview).toHaveLength(9);
    expect(token.endsWith(v.signaturePreview.slice(0, 8))).toBe(false);
    expect(v.bytes).toBe(token.length);
  });

  it('decodes a token issued behind nginx (`<key>~<jwt>`), key claim and all', async () => {
    const secret = new TextEncoder().encode('x'.repeat(40));
    const token = await issueToken({ learnerId: 'l-1', sandboxId: 's-1' }, secret, 3600, undefined, 'node-key-1');
    const v = viewToken(token);
    expect(v.header).toEqual({ alg: 'HS256' });
    expect(v.payload).toMatchObject({ sub: 'l-1', sbx: 's-1', nk: 'node-key-1' });
    expect(v.bytes).toBe(token.length);
  });
});

describe('measureAuthCosts', () => {
  it('times each operation with the clock it is given', async () => {
    let t = 0;
    const costs = await measureAuthCosts({
      verify: async () => true,
      nowMs: () => (t += 1),
      batches: 5,
      batchSize: 100,
      verifySamples: 5,
      storeSize: 50,
    });
    // Every clock read advances 1 ms: a batch of 100 is 1 ms, 10 µs per op; one verify is 1 ms.
    expect(costs.sessionLookup).toEqual({ medianUs: 10, p95Us: 10, samples: 5 });
    expect(costs.tokenVerify.medianUs).toBe(1000);
    expect(costs.storeSize).toBe(50);
  });

  it('on a real token, verifying costs more than a Map lookup', async () => {
    const secret = new TextEncoder().encode('y'.repeat(40));
    const token = await issueToken({ learnerId: 'l', sandboxId: 's' }, secret, 60);
    const costs = await measureAuthCosts({
      verify: async () => (await verifyToken(token, secret)).ok,
      nowMs: () => performance.now(),
      verifySamples: 50,
    });
    expect(costs.tokenVerify.medianUs).toBeGreaterThan(costs.sessionLookup.medianUs);
  });

  it('refuses to measure a token that does not verify', async () => {
    await expect(
      measureAuthCosts({
        verify: async () => false,
        nowMs: () => performance.now(),
        verifySamples: 1,
        batches: 1,
        batchSize: 1,
        storeSize: 1,
      }),
    ).rejects.toThrow(/did not verify/);
  });
});
