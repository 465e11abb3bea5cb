import { describe, expect, it } from 'vitest';
import { createTokenVerifier, isNodeKey, issueToken, splitToken, tokenFromHeaders, verifyToken } from './identity';

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
    expect(tokenFromHeaders('Bearer key12345~a.b.c', null)).toBe('key12345~a.b.c');
    expect(tokenFromHeaders('Bearer abc', 'scale_lab_token=def')).toBe('abc');
    expect(tokenFromHeaders(undefined, 'a=1; scale_lab_token=def; b=2')).toBe('def');
    expect(tokenFromHeaders('Basic xyz', 'other=1')).toBeUndefined();
  });
});

describe('tokens that carry an affinity key (`<key>~<jwt>`, issued behind nginx)', () => {
  const KEY = '0f3a9c1e5b7d4a2f8c6e0b1d3f5a7c9e'; // the shape of nginx's $request_id
  const later = new Date(T0.getTime() + 1000);

  it('puts the key in front and signs it into the token; verifies when the prefix is that claim', async () => {
    const token = await issueToken(claims, secret, 3600, T0, KEY);
    expect(token.startsWith(`${KEY}~eyJ`)).toBe(true);
    const jwt = token.slice(KEY.length + 1);
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())).toMatchObject({ nk: KEY });
    expect(await verifyToken(token, secret, later)).toMatchObject({ ok: true, claims });
    // The cached verifier of the lab server goes through the same check.
    expect(await createTokenVerifier(secret, () => later.getTime())(token)).toMatchObject({ ok: true, claims });
  });

  it('refuses a prefix that is not the key signed into the token', async () => {
    const token = await issueToken(claims, secret, 3600, T0, KEY);
    const jwt = token.slice(KEY.length + 1);
    const plain = await issueToken(claims, secret, 3600, T0);
    for (const forged of [`other-key-123~${jwt}`, `${KEY.slice(1)}~${jwt}`, `${KEY}~${plain}`]) {
      expect(await verifyToken(forged, secret, later), forged.slice(0, 40)).toEqual({ ok: false, reason: 'invalid' });
    }
    // Expired, too: a mismatched prefix does not pass for an expired learner's token.
    const expired = await issueToken(claims, secret, 60, T0, KEY);
    const afterExpiry = new Date(T0.getTime() + 61_000);
    expect(await verifyToken(expired, secret, afterExpiry)).toMatchObject({ reason: 'expired', expiredClaims: claims });
    expect(await verifyToken(`other-key-123~${expired.slice(KEY.length + 1)}`, secret, afterExpiry)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses a malformed key prefix, and will not issue one', async () => {
    const jwt = await issueToken(claims, secret, 3600, T0);
    for (const bad of ['short', 'x'.repeat(65), 'has space', 'semi;colon', 'dot.ted.key', '', 'tilde~twice']) {
      expect(isNodeKey(bad), bad).toBe(false);
      expect(await verifyToken(`${bad}~${jwt}`, secret, later), bad).toEqual({ ok: false, reason: 'invalid' });
      await expect(issueToken(claims, secret, 3600, T0, bad)).rejects.toThrow('not a node key');
    }
    expect(splitToken(`~${jwt}`)).toBeNull();
    expect(splitToken(jwt)).toEqual({ nodeKey: undefined, jwt });
  });

  it('still accepts plain tokens: embedded mode, and tokens issued before keys', async () => {
    const plain = await issueToken(claims, secret, 3600, T0);
    expect(plain).not.toContain('~');
    expect(await verifyToken(plain, secret, later)).toMatchObject({ ok: true, claims });
    // A keyed token with its prefix dropped is still authentic; it only loses the affinity.
    const keyed = await issueToken(claims, secret, 3600, T0, KEY);
    expect(await verifyToken(keyed.slice(KEY.length + 1), secret, later)).toMatchObject({ ok: true, claims });
  });
});
