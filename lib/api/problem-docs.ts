import type { ProblemType } from './problem';

/** What each problem type means and what a client should do about it (shown at /problems). */
export const PROBLEM_DOCS: Record<ProblemType, string> = {
  'malformed-json': 'The body could not be parsed as JSON. Fix the syntax; nothing was changed on the server.',
  'invalid-parameters':
    'A query or path parameter is unknown, repeated or out of range. The errors array names each one.',
  'unsupported-api-version':
    'The API-Version header names a version this API does not have. The supported array lists those it does; leave the header out for version 1.',
  unauthorized:
    'No valid learner token came with the request. Get one from POST /api/lab/sandbox and send it as a cookie or Bearer token.',
  'not-found': 'The route exists but no resource has that id in your sandbox.',
  'route-not-found': 'No route matches this path. Check the spelling and the API version.',
  'method-not-allowed': 'The resource exists but does not accept this method; the Allow header lists those it does.',
  conflict:
    'The request clashes with the current state, such as a duplicate email or too little stock. Change the request, not the timing.',
  'payload-too-large': 'The body is larger than the server accepts.',
  'headers-too-large':
    "The request headers are larger than the server accepts (16 KiB in all, Node.js's limit). Send fewer or smaller headers, for example a shorter cookie. Nothing was changed on the server.",
  'malformed-request':
    'The request could not be parsed as HTTP/1.1 (a broken request line or header). Nothing was changed on the server.',
  'unsupported-media-type': 'The body must be JSON, sent with Content-Type: application/json.',
  'validation-failed':
    'The JSON was well formed but some fields are invalid. The errors array names each field with a JSON pointer.',
  'idempotency-key-reused':
    'The Idempotency-Key header names an earlier request whose body was different. A retry must repeat the request exactly; a new request needs a new key.',
  'rate-limited':
    'Too many requests from this client. Wait for the seconds in Retry-After; the RateLimit header shows your quota.',
  internal: 'The server failed. This is never your fault; the details are in the server log.',
  'server-full':
    'The server holds as many sandboxes, or as much sandbox disk, as it is configured for. Idle sandboxes are freed over time; retry after the seconds in Retry-After.',
  'lab-unavailable':
    'The lab server is starting, restarting or resetting your sandbox. Retry after the seconds in Retry-After.',
  'queue-full':
    'Queued writes only: as many orders are waiting as the queue holds, so this one was not accepted and nothing was ordered. Retry after the seconds in Retry-After, when the workers have placed some of the waiting orders.',
};
