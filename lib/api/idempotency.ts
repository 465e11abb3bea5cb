import { problem } from './problem';
import type { ApiResponse } from './types';

/**
 * The Idempotency-Key request header (draft-ietf-httpapi-idempotency-key-header): the
 * client names one logical request, so sending it again after a timeout cannot place a
 * second order. The draft makes the value a Structured Field string ("..."); bare tokens,
 * as many APIs accept them, are taken too.
 */
const KEY = /^[\x21-\x7e]{1,255}$/;

export type ParsedKey = { ok: true; key: string | null } | { ok: false; response: ApiResponse };

export function parseIdempotencyKey(raw: string | undefined, instance: string): ParsedKey {
  if (raw === undefined) return { ok: true, key: null };
  const trimmed = raw.trim();
  const key = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (!KEY.test(key) || key.includes('"')) {
    const detail = 'must be 1 to 255 visible ASCII characters, such as a UUID';
    return {
      ok: false,
      response: problem('invalid-parameters', `The Idempotency-Key header ${detail}.`, {
        instance,
        errors: [{ field: 'Idempotency-Key', in: 'header', detail }],
      }),
    };
  }
  return { ok: true, key };
}

export function keyReused(instance: string): ApiResponse {
  return problem(
    'idempotency-key-reused',
    'This Idempotency-Key was first sent with a different body. Send the original body to retry it, or use a new key for a new order.',
    {
      instance,
      errors: [{ field: 'Idempotency-Key', in: 'header', detail: 'already used for a different request body' }],
    },
  );
}
