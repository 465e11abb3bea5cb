import { randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { createBalancer, type Strategy } from './balancer';
import { splitToken } from '../learners/identity';

/**
 * Two API instances behind a balancer, run for real in this process: each instance has its
 * own session Map (what an in-memory session store is), or verifies a signed token with a
 * secret both share. One user logs in, then makes `requests` more requests; we count how
 * many of them the instance that got them recognised. Nothing here is statistical: the
 * Maps, the balancer and jose are the real thing, only the "instances" share a process.
 */
import type { LoginMode } from './schemas';

export type LoginStep = { n: number; instance: number; loggedIn: boolean };
export type LoginRun = {
  mode: LoginMode;
  strategy: Strategy;
  loginInstance: number;
  steps: LoginStep[];
  kept: number;
  lost: number;
};

type Instance = { sessions: Map<string, string> };

export async function simulateLogins(mode: LoginMode, requests: number, instances = 2): Promise<LoginRun> {
  // The demo's own secret, fresh each call: never the app's signing secret.
  const shared = randomBytes(32);
  const strategy: Strategy = mode === 'sticky-session' ? 'ip-hash' : 'round-robin';
  const pick = createBalancer(strategy);
  const pool: Instance[] = Array.from({ length: instances }, () => ({ sessions: new Map() }));
  const loads = pool.map((_, index) => ({ index, inRotation: true, connections: 0 }));
  const clientId = 7; // one user, one address

  const loginInstance = pick(clientId, loads);
  let credential: string;
  if (mode === 'token') {
    credential = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('learner')
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(shared);
  } else {
    credential = randomBytes(16).toString('base64url');
    (pool[loginInstance] as Instance).sessions.set(credential, 'learner');
  }

  const steps: LoginStep[] = [];
  for (let n = 1; n <= requests; n++) {
    const i = pick(clientId, loads);
    const inst = pool[i] as Instance;
    let loggedIn: boolean;
    if (mode === 'token') {
      loggedIn = await jwtVerify(credential, shared, { algorithms: ['HS256'] }).then(
        () => true,
        () => false,
      );
    } else {
      loggedIn = inst.sessions.has(credential);
    }
    steps.push({ n, instance: i + 1, loggedIn });
  }
  const kept = steps.filter((s) => s.loggedIn).length;
  return { mode, strategy, loginInstance: loginInstance + 1, steps, kept, lost: steps.length - kept };
}

export type TokenView = {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The signature's first characters only: enough to see it is there. */
  signaturePreview: string;
  bytes: number;
  issuedAt: string | null;
  expiresAt: string | null;
};

/**
 * Decodes a JWT's header and payload (base64url JSON, readable by anyone holding the token).
 * Behind nginx a learner's token is `<key>~<jwt>` (lib/learners/identity.ts): the JWT is decoded,
 * the size counted is of all of it, as sent.
 */
export function viewToken(token: string): TokenView {
  const jwt = splitToken(token)?.jwt ?? token;
  const header = decodeProtectedHeader(jwt) as Record<string, unknown>;
  const payload = decodeJwt(jwt) as Record<string, unknown>;
  const signature = jwt.split('.')[2] ?? '';
  const when = (v: unknown) => (typeof v === 'number' ? new Date(v * 1000).toISOString() : null);
  return {
    header,
    payload,
    signaturePreview: `${signature.slice(0, 8)}…`,
    bytes: new TextEncoder().encode(token).length,
    issuedAt: when(payload.iat),
    expiresAt: when(payload.exp),
  };
}
