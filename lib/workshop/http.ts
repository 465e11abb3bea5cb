import { problemResponse } from '../control/http';
import type { AppRuntime } from '../runtime';
import { isInstructor, workshopEnabled } from './auth';

/** Workshop routes exist only when workshop mode is on, and answer only the instructor. */
export async function requireInstructor(rt: AppRuntime, request: Request): Promise<Response | null> {
  if (!workshopEnabled(rt)) {
    return problemResponse(
      'not-found',
      'Workshop mode is off. Start the server with SCALE_LAB_INSTRUCTOR_TOKEN set to enable it.',
      request,
    );
  }
  if (!(await isInstructor(rt, request))) {
    return problemResponse(
      'unauthorized',
      'This is the instructor API. Sign in at /workshop with the instructor token.',
      request,
    );
  }
  return null;
}
