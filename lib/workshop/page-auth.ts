import { cookies } from 'next/headers';
import type { AppRuntime } from '../runtime';
import { INSTRUCTOR_COOKIE, isInstructor } from './auth';

/** Whether the page's visitor carries a valid instructor cookie (server components only). */
export async function instructorSignedIn(rt: AppRuntime): Promise<boolean> {
  const token = (await cookies()).get(INSTRUCTOR_COOKIE)?.value;
  if (!token) return false;
  return isInstructor(rt, new Request('http://local/', { headers: { cookie: `${INSTRUCTOR_COOKIE}=${token}` } }));
}
