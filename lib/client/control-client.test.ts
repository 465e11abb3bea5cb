import { describe, expect, it } from 'vitest';
import { parseRetryAfter, ProblemError, problemSentence, toProblemError } from './control-client';

describe('problem details → ProblemError', () => {
  it('keeps 422 field errors for the form', () => {
    const p = toProblemError(
      422,
      {
        type: '/problems/validation-failed',
        title: 'The request body has invalid fields',
        status: 422,
        detail: 'Fix these fields and send again: rate.',
        errors: [{ field: 'rate', in: 'body', detail: 'must be at most 2000 requests/s' }, { bogus: true }],
      },
      null,
    );
    expect(p).toBeInstanceOf(ProblemError);
    expect(p).toBeInstanceOf(Error);
    expect(p.status).toBe(422);
    expect(p.message).toBe('Fix these fields and send again: rate.');
    expect(p.fieldErrors).toEqual([{ field: 'rate', in: 'body', detail: 'must be at most 2000 requests/s' }]);
    expect(p.title).toBe('The request body has invalid fields');
    expect(p.type).toBe('/problems/validation-failed');
  });

  it('says when a busy server wants us back', () => {
    const p = toProblemError(503, { detail: 'Your instructor has paused load for the room.' }, '7');
    expect(p.retryAfter).toBe(7);
    expect(p.detail).toBe('Your instructor has paused load for the room.');
    const bare = toProblemError(503, null, null);
    expect(bare.retryAfter).toBe(5);
    expect(bare.detail).toBe("The server is busy running other learners' load; try again in 5 s.");
  });

  it('passes the 429 detail through and handles bodies that are not problems', () => {
    expect(toProblemError(429, { detail: 'You already have a run going.' }, '3')).toMatchObject({
      detail: 'You already have a run going.',
      retryAfter: 3,
    });
    expect(toProblemError(500, 'oops', null).detail).toBe('The server answered 500.');
    expect(toProblemError(404, { title: 'Resource not found' }, null).detail).toBe('Resource not found');
    expect(toProblemError(401, { detail: 'token…' }, null).detail).toMatch(/reload the page/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('says when to try again once, whether or not the detail already does', () => {
    expect(problemSentence(toProblemError(429, { detail: 'Too many probes.' }, '4'))).toBe(
      'Too many probes. Try again in 4 s.',
    );
    expect(problemSentence(toProblemError(429, { detail: 'Try again in 4 s.' }, '4'))).toBe('Try again in 4 s.');
    expect(problemSentence(toProblemError(409, { detail: 'Busy building an index.' }, null))).toBe(
      'Busy building an index.',
    );
  });
});
