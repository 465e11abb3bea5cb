import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RunProblem, toRunProblem } from './run-api';

describe('problem details → RunProblem', () => {
  it('keeps 422 field errors for the form', () => {
    const p = toRunProblem(422, {
      type: '/problems/validation-failed', title: 'The request body has invalid fields', status: 422,
      detail: 'Fix these fields and send again: rate.',
      errors: [{ field: 'rate', in: 'body', detail: 'must be at most 2000 requests/s' }, { bogus: true }],
    }, null);
    expect(p).toBeInstanceOf(RunProblem);
    expect(p).toBeInstanceOf(Error);
    expect(p.status).toBe(422);
    expect(p.message).toBe('Fix these fields and send again: rate.');
    expect(p.fieldErrors).toEqual([{ field: 'rate', detail: 'must be at most 2000 requests/s' }]);
  });

  it('says when a busy server wants us back', () => {
    const p = toRunProblem(503, { detail: 'Your instructor has paused load for the room.' }, '7');
    expect(p.retryAfter).toBe(7);
    expect(p.detail).toBe('Your instructor has paused load for the room.');
    const bare = toRunProblem(503, null, null);
    expect(bare.retryAfter).toBe(5);
    expect(bare.detail).toBe("The server is busy running other learners' load; try again in 5 s.");
  });

  it('passes the 429 detail through and handles bodies that are not problems', () => {
    expect(toRunProblem(429, { detail: 'You already have a run going.' }, '3')).toMatchObject({ detail: 'You already have a run going.', retryAfter: 3 });
    expect(toRunProblem(500, 'oops', null).detail).toBe('The server answered 500.');
    expect(toRunProblem(404, { title: 'Resource not found' }, null).detail).toBe('Resource not found');
    expect(toRunProblem(401, { detail: 'token…' }, null).detail).toMatch(/reload the page/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
