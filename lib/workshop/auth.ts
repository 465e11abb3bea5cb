import { createHash, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { AppRuntime } from '../runtime';

/**
 * The instructor is whoever knows SCALE_LAB_INSTRUCTOR_TOKEN. Knowing it once gets a signed,
 * httpOnly cookie for the day: stateless, like the learners' identity.
 */
export const INSTRUCTOR_COOKIE = 'scale_lab_instructor';
const AUDIENCE = 'scale-lab-instructor';
const TTL_S = 12 * 3600;

export function workshopEnabled(rt: AppRuntime): boolean {
  return rt.config.instructorToken !== undefined;
}

/** Compares hashes so neither the length nor the content leaks through timing. */
export function tokenMatches(rt: AppRuntime, given: string): boolean {
  const want = rt.config.instructorToken;
  if (!want) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(want).digest();
  return timingSafeEqual(a, b);
}

export async function issueInstructorCookie(rt: AppRuntime, secure: boolean): Promise<string> {
  const jwt = await new SignJWT({ role: 'instructor' })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TTL_S}s`)
    .sign(rt.secret);
  return `${INSTRUCTOR_COOKIE}=${jwt}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${TTL_S}${secure ? '; Secure' : ''}`;
}

export async function isInstructor(rt: AppRuntime, request: Request): Promise<boolean> {
  if (!workshopEnabled(rt)) return false;
  const cookie = request.headers.get('cookie') ?? '';
  const m = new RegExp(`(?:^|;\\s*)${INSTRUCTOR_COOKIE}=([^;]+)`).exec(cookie);
  if (!m?.[1]) return false;
  try {
    const { payload } = await jwtVerify(m[1], rt.secret, { audience: AUDIENCE, algorithms: ['HS256'] });
    return payload.role === 'instructor';
  } catch {
    return false;
  }
}
