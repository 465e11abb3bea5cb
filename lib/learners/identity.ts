import { SignJWT, jwtVerify, errors, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';

/** Stateless identity: everything the server needs is inside a signed token, no session store. */
export const TOKEN_COOKIE = 'scale_lab_token';
const ISSUER = 'scale-lab';
const ALG = 'HS256';

export type LearnerClaims = { learnerId: string; sandboxId: string };

export type VerifyResult =
  /** `nodeKey`: the affinity key signed into the token (claim `nk`), if it has one. */
  | { ok: true; claims: LearnerClaims; expiresAt: number; nodeKey?: string }
  | { ok: false; reason: 'missing' | 'invalid' }
  /** The signature was good but the token is past its expiry: we still know whose it was. */
  | { ok: false; reason: 'expired'; expiredClaims?: LearnerClaims; nodeKey?: string };

/**
 * The affinity key nginx hashes a learner on (deploy/nginx.conf): the same characters as
 * nginx's $request_id and the cookie it sets, and nothing that could break a header, a cookie or
 * nginx's map (no "~", ";", spaces or dots).
 */
const NODE_KEY = /^[A-Za-z0-9_-]{8,64}$/;
export const isNodeKey = (value: unknown): value is string => typeof value === 'string' && NODE_KEY.test(value);

/**
 * A token is the JWT, or `<key>~<jwt>` when a node behind nginx issued it: nginx then hashes the
 * learner's bearer calls on the key, the same key their first call was placed by, so they reach
 * the node that holds their sandbox. "~" is legal in an RFC 6750 b64token and never in a JWT.
 * null: a prefix that is not a well-formed key (the token is invalid as a whole).
 */
export function splitToken(token: string): { nodeKey: string | undefined; jwt: string } | null {
  const tilde = token.indexOf('~');
  if (tilde < 0) return { nodeKey: undefined, jwt: token };
  const nodeKey = token.slice(0, tilde);
  return isNodeKey(nodeKey) ? { nodeKey, jwt: token.slice(tilde + 1) } : null;
}

/** `nodeKey`: sign it into the token (claim `nk`) and put it in front, `<key>~<jwt>`. */
export async function issueToken(
  claims: LearnerClaims,
  secret: Uint8Array,
  ttlSeconds: number,
  now: Date = new Date(),
  nodeKey?: string,
): Promise<string> {
  if (nodeKey !== undefined && !isNodeKey(nodeKey)) throw new Error('not a node key; check it with isNodeKey first');
  const iat = Math.floor(now.getTime() / 1000);
  const jwt = await new SignJWT(
    nodeKey === undefined ? { sbx: claims.sandboxId } : { sbx: claims.sandboxId, nk: nodeKey },
  )
    .setProtectedHeader({ alg: ALG })
    .setSubject(claims.learnerId)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(secret);
  return nodeKey === undefined ? jwt : `${nodeKey}~${jwt}`;
}

/**
 * A prefixed token is good only if its prefix is the key signed into it: anyone can edit the
 * prefix, and a learner must not be able to point their affinity at another learner's key
 * while holding a valid signature. A plain JWT is good as before (embedded mode, tokens issued
 * before keys, and one whose prefix was dropped: it only loses the affinity).
 */
const keyMatches = (nodeKey: string | undefined, payload: JWTPayload) =>
  (payload.nk === undefined || isNodeKey(payload.nk)) && (nodeKey === undefined || nodeKey === payload.nk);
/** The signed key, for a renewal to keep (it was checked by keyMatches). */
const signedKey = (payload: JWTPayload) => (isNodeKey(payload.nk) ? { nodeKey: payload.nk } : {});

export async function verifyToken(token: string, secret: Uint8Array, now: Date = new Date()): Promise<VerifyResult> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, reason: 'invalid' };
  try {
    const { payload } = await jwtVerify(parts.jwt, secret, { issuer: ISSUER, algorithms: [ALG], currentDate: now });
    if (typeof payload.sub !== 'string' || typeof payload.sbx !== 'string' || typeof payload.exp !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    if (!keyMatches(parts.nodeKey, payload)) return { ok: false, reason: 'invalid' };
    return {
      ok: true,
      claims: { learnerId: payload.sub, sandboxId: payload.sbx },
      expiresAt: payload.exp * 1000,
      ...signedKey(payload),
    };
  } catch (err) {
    if (err instanceof errors.JWTExpired) {
      // jose checks the signature before the claims, so an expired token is still authentic.
      const p = err.payload;
      if (!keyMatches(parts.nodeKey, p)) return { ok: false, reason: 'invalid' };
      const expiredClaims =
        typeof p.sub === 'string' && typeof p.sbx === 'string' ? { learnerId: p.sub, sandboxId: p.sbx } : undefined;
      return { ok: false, reason: 'expired', expiredClaims, ...signedKey(p) };
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
