import {
  BUILD_RETRY_AFTER_S,
  isBuildDeadline,
  isLockConflict,
  isSchemaChangeBusy,
  LOCK_RETRY_AFTER_S,
} from '../db/lock-conflict';
import { problem } from './problem';
import type { ApiResponse } from './types';

/**
 * The answer to a lock conflict (lib/db/lock-conflict.ts), or null if `err` is not one: 409
 * while another schema change on the sandbox runs, 503 + Retry-After while its write lock is
 * held. Never 500: the request was fine, the sandbox was busy.
 */
export function lockConflictProblem(err: unknown, instance: string): ApiResponse | null {
  const headers = { 'retry-after': String(LOCK_RETRY_AFTER_S) };
  if (isSchemaChangeBusy(err)) {
    return problem(
      'conflict',
      'Another schema change on your sandbox (an index build from the SQL console or the knobs) is still running. Wait for it to finish, then try again.',
      { instance, headers },
    );
  }
  if (isBuildDeadline(err)) {
    return problem(
      'lab-unavailable',
      `This server is building other learners\u2019 indexes one at a time, and yours did not get its turn and finish in time, so nothing was changed. Try again in ${BUILD_RETRY_AFTER_S} seconds.`,
      { instance, headers: { 'retry-after': String(BUILD_RETRY_AFTER_S) } },
    );
  }
  if (!isLockConflict(err)) return null;
  return problem(
    'lab-unavailable',
    'Your sandbox\u2019s database is busy with a change that holds its write lock (an index build, usually). Other learners are not affected; try again in a moment.',
    { instance, headers },
  );
}
