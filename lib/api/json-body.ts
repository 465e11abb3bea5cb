import { problem } from './problem';
import type { ApiResponse } from './types';
import { hasLoneSurrogate } from './unicode';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

type BodyRequest = { method: string; headers: Record<string, string | undefined>; body: string | null };

/** 415 for a body that is not JSON, 400 for JSON that does not parse or is missing. */
export function parseJsonBody(req: BodyRequest, instance: string): { value: unknown } | { response: ApiResponse } {
  const type = req.headers['content-type'] ?? '';
  const accept = { [req.method === 'POST' ? 'accept-post' : 'accept-patch']: 'application/json' };
  if (!JSON_TYPE.test(type)) {
    const got = type ? `"${type}"` : 'no Content-Type';
    return {
      response: problem(
        'unsupported-media-type',
        `Send the body as JSON with "Content-Type: application/json" (got ${got}).`,
        { instance, headers: accept },
      ),
    };
  }
  if (!req.body || req.body.trim() === '') {
    return { response: problem('malformed-json', 'The request body is empty; send a JSON object.', { instance }) };
  }
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch (err) {
    const why = err instanceof SyntaxError ? err.message : 'unparseable';
    return { response: problem('malformed-json', `The body is not valid JSON: ${why}.`, { instance }) };
  }
  if (hasLoneSurrogate(value)) {
    return {
      response: problem(
        'validation-failed',
        'The body contains an unpaired UTF-16 surrogate (such as "\\ud800"), which is not Unicode text.',
        {
          instance,
          errors: [{ field: '(root)', in: 'body', detail: 'contains invalid Unicode' }],
        },
      ),
    };
  }
  return { value };
}
