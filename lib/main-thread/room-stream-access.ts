import { clientAddress } from '../control/client-address';
import { problemResponse, requestToken, UNAUTHORIZED_CONTROL } from '../control/http';
import { verifyToken } from '../learners/identity';
import type { AppRuntime } from '../runtime';
import { isInstructor } from '../workshop/auth';
import type { ClientLimit } from './room-events';

/**
 * One learner's room streams at once: a browser holds six connections per server over HTTP/1.1
 * and hidden tabs close theirs, so more than this is not a page following the room.
 */
export const ROOM_STREAMS_PER_LEARNER = 6;
/**
 * One client address's room streams at once: a classroom behind one NAT (120 learners, two
 * visible tabs each) fits; one address cannot take this node's MAX_ROOM_STREAMS alone.
 */
export const ROOM_STREAMS_PER_ADDRESS = 250;

type Follower = { kind: 'learner'; learnerId: string } | { kind: 'instructor' };

/**
 * Who may follow the learners' room stream: a learner with a token that verifies (the signature
 * only, no store read: the stream tells nothing about anyone) or the instructor; anyone else
 * (null) gets 401 and the banner keeps polling GET /api/lab/broadcast.
 */
async function follower(rt: AppRuntime, request: Request): Promise<Follower | null> {
  const token = requestToken(request);
  const learner = token ? await verifyToken(token, rt.secret) : null;
  if (learner?.ok) return { kind: 'learner', learnerId: learner.claims.learnerId };
  return (await isInstructor(rt, request)) ? { kind: 'instructor' } : null;
}

/**
 * Whether this caller would be let onto the room stream: GET /api/lab/broadcast says so, so a
 * page opens the stream only once it may (a visitor who has not claimed a sandbox yet would get
 * a 401, which the browser logs as an error on every page).
 */
export async function mayFollowRoom(rt: AppRuntime, request: Request): Promise<boolean> {
  return (await follower(rt, request)) !== null;
}

/** The room stream's gate: who follows, and the connection limits that apply to them. */
export async function roomStreamAccess(
  rt: AppRuntime,
  request: Request,
): Promise<{ ok: true; limits: ClientLimit[] } | { ok: false; response: Response }> {
  const address: ClientLimit = {
    key: `addr:${clientAddress(request.headers, rt.config.limits.trustedProxies)}`,
    max: ROOM_STREAMS_PER_ADDRESS,
  };
  const who = await follower(rt, request);
  if (who?.kind === 'learner') {
    return { ok: true, limits: [address, { key: `learner:${who.learnerId}`, max: ROOM_STREAMS_PER_LEARNER }] };
  }
  if (who?.kind === 'instructor') return { ok: true, limits: [address] };
  return {
    ok: false,
    response: problemResponse('unauthorized', UNAUTHORIZED_CONTROL, request, {
      'www-authenticate': 'Bearer realm="scale-lab"',
    }),
  };
}
