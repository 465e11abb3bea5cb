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

/**
 * Who may follow the learners' room stream, and under which limits: a learner with a token that
 * verifies (the signature only, no store read: the stream tells nothing about anyone) or the
 * instructor. Anyone else gets 401 and the banner keeps polling GET /api/lab/broadcast.
 */
/**
 * Whether this caller would be let onto the room stream: GET /api/lab/broadcast says so, so a
 * page opens the stream only once it may (a visitor who has not claimed a sandbox yet would get
 * a 401, which the browser logs as an error on every page).
 */
export async function mayFollowRoom(rt: AppRuntime, request: Request): Promise<boolean> {
  const token = requestToken(request);
  if (token && (await verifyToken(token, rt.secret)).ok) return true;
  return isInstructor(rt, request);
}

export async function roomStreamAccess(
  rt: AppRuntime,
  request: Request,
): Promise<{ ok: true; limits: ClientLimit[] } | { ok: false; response: Response }> {
  const address: ClientLimit = {
    key: `addr:${clientAddress(request.headers, rt.config.limits.trustedProxies)}`,
    max: ROOM_STREAMS_PER_ADDRESS,
  };
  const token = requestToken(request);
  const learner = token ? await verifyToken(token, rt.secret) : null;
  if (learner?.ok) {
    return {
      ok: true,
      limits: [address, { key: `learner:${learner.claims.learnerId}`, max: ROOM_STREAMS_PER_LEARNER }],
    };
  }
  if (await isInstructor(rt, request)) return { ok: true, limits: [address] };
  return {
    ok: false,
    response: problemResponse('unauthorized', UNAUTHORIZED_CONTROL, request, {
      'www-authenticate': 'Bearer realm="scale-lab"',
    }),
  };
}
