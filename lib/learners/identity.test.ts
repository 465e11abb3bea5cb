import { describe, expect, it } from 'vitest';
import { createTokenVerifier, issueToken, tokenFromHeaders, verifyToken } from './identity';

const secret = new TextEncoder().encode('x'.repeat(48));
const claims = { learnerId: 'lrn_aaaaaaaaaaaaaaaaaaaa', sandboxId: 'sbx_aaaaaaaaaaaaaaaaaaaa' };
const T0 = new Date('2026-01-01T00:00:00Z');

describe('learner tokens', () => {
  it('round-trips the learner and sandbox', async () => {
    const token = await issueToken(claims, secret, 3600, T0);
    const v = await verifyToken(token, secret, new Date(T0.getTime() + 1000));
    expect(v).toMatchObject({ ok: true, claims, expiresAt: T0.getTime() + 3_600_000 });
  });

  it('rejects a tampered token', async () => {
    const token = await issueToken(claims, secret, 3600, T0);
    const [h, p, s] = token.split('.');
    const forged = JSON.parse(Buffer.from(p!, 'base64url').toString());
    forged.sbx = 'sbx_bbbbbbbbbbbbbbbbbbbb';
    const tampered = [h, Buffer.from(JSON.stringify(forged)).toString('base64url'), s].join('.');
    expect(await verifyToken(tampered, secret, T0)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyToken(`${token}x`, secret, T0)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyToken('not-a-jwt', secret, T0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a token signed with another secret', async () => {
    const other = await issueToken(claims, new TextEncoder().encode('y'.repeat(48)), 3600, T0);
    expect(await verifyToken(other, secret, T0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('reports an expired token as expired, with the claims it carried', async () => {
    const token = await issueToken(claims, secret, 60, T0);
    expect(await verifyToken(token, secret, new Date(T0.getTime() + 61_000))).toEqual({
      ok: false,
      reason: 'expired',
      expiredClaims: claims,
    });
  });

  it('the cached verifier still honours expiry on a cache hit', async () => {
    let now = T0.getTime();
    const verify = createTokenVerifier(secret, () => now);
    const token = await issueToken(claims, secret, 60, T0);
    expect((await verify(token)).ok).toBe(true);
    now += 61_000;
    expect(await verify(token)).toMatchObject({ ok: false, reason: 'expired' });
    expect(await verify(undefined)).toEqual({ ok: false, reason: 'missing' });
  });

  it('reads the token from a Bearer header first, then the cookie', () => {
    expect(tokenFromHeaders('Bearer abc', 'scale_lab_token=def')).toBe('abc');
    expect(tokenFromHeaders(undefined, 'a=1; scale_lab_token=def; b=2')).toBe('def');
    expect(tokenFromHeaders('Basic xyz', 'other=1')).toBeUndefined();
  });
});
