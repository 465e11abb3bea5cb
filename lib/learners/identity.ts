import { SignJWT, jwtVerify, errors } from 'jose';
import { LRUCache } from 'lru-cache';

/** Stateless identity: everything the server needs is inside a signed token, no session store. */
export const TOKEN_COOKIE = 'scale_lab_token';
const ISSUER = 'scale-lab';
const ALG = 'HS256';

export type LearnerClaims = { learnerId: string; sandboxId: string };

export type VerifyResult =
  | { ok: true; claims: LearnerClaims; expiresAt: number }
  | { ok: false; reason: 'missing' | 'invalid' }
  /** The signature was good but the token is past its expiry: we still know whose it was. */
  | { ok: false; reason: 'expired'; expiredClaims?: LearnerClaims };

export async function issueToken(
  claims: LearnerClaims,
  secret: Uint8Array,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sbx: claims.sandboxId })
    .setProtectedHeader({ alg: ALG })
    .setSubject(claims.learnerId)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(secret);
}

export async function verifyToken(token: string, secret: Uint8Array, now: Date = new Date()): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: [ALG], currentDate: now });
    if (typeof payload.sub !== 'string' || typeof payload.sbx !== 'string' || typeof payload.exp !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { learnerId: payload.sub, sandboxId: payload.sbx }, expiresAt: payload.exp * 1000 };
  } catch (err) {
    if (err instanceof errors.JWTExpired) {
      // jose checks the signature before the claims, so an expired token is still authentic.
      const p = err.payload;
      const expiredClaims =
        typeof p.sub === 'string' && typeof p.sbx === 'string' ? { learnerId: p.sub, sandboxId: p.sbx } : undefined;
      return { ok: false, reason: 'expired', expiredClaims };
    }
    return { ok: false, reason: 'invalid' };
  }
}

/**
 * The lab server sees the same token on thousands of requests a second. An HMAC check is
 * cheap but not free, so remember tokens that verified, keyed by the exact token text,
 * and still honour their expiry on every hit. Failures are never cached.
 */
type Verified = Extract<VerifyResult, { ok: true }>;

export function createTokenVerifier(secret: Uint8Array, now: () => number = Date.now) {
  // The answers themselves are kept (frozen, as every hit hands out the same object).
  const verified = new LRUCache<string, Verified>({ max: 10_000 });
  // Synchronous when the answer is known (no token, or one verified before): the lab server
  // checks a token on every request, and a promise for a map lookup costs a microtask each.
  // The token of the last request, checked first: under load one client sends it again and again.
  let last: { token: string; answer: Verified } | null = null;
  return function verify(token: string | undefined): VerifyResult | Promise<VerifyResult> {
    if (!token) return { ok: false, reason: 'missing' };
    if (last !== null && last.token === token && last.answer.expiresAt > now()) return last.answer;
    const hit = verified.get(token);
    if (hit) {
      if (hit.expiresAt > now()) {
        last = { token, answer: hit };
        return hit;
      }
      verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    return verifyToken(token, secret, new Date(now())).then((result) => {
      if (result.ok) {
        const answer: Verified = Object.freeze({ ...result, claims: Object.freeze({ ...result.claims }) });
        verified.set(token, answer);
        return answer;
      }
      return result;
    });
  };
}

/** Bearer header first (scripts, the load generator), then the browser's cookie. */
export function tokenFromHeaders(
  authorization: string | undefined | null,
  cookie: string | undefined | null,
): string | undefined {
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (m) return m[1];
  }
  if (cookie) {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === TOKEN_COOKIE) return cookieValue(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

/** A garbled cookie (a malformed %-escape) is no token at all: the caller is simply not signed in. */
function cookieValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw) || undefined;
  } catch {
    return undefined;
  }
}
