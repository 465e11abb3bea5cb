import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Keyset position on (created_at, id): the last row of the previous page. */
export interface CursorKey {
  createdAt: string;
  id: number;
}

export const CURSOR_SORTS = ['created_at', '-created_at'] as const;
export type CursorSort = (typeof CURSOR_SORTS)[number];

export interface CursorOptions {
  /** Bound into the signed payload so a cursor minted for one order cannot be replayed on another. */
  sort?: CursorSort;
}

export type CursorRejection = 'too_long' | 'malformed' | 'bad_signature' | 'bad_payload' | 'sort_mismatch';

export type DecodeCursorResult = { ok: true; key: CursorKey } | { ok: false; reason: CursorRejection };

export const MAX_CURSOR_LENGTH = 512;
const SIG_BYTES = 16; // 128-bit truncated HMAC: forging still needs ~2^128 guesses, and cursors stay short
// Domain separation: if the same secret ever signs something else, those tokens cannot pass as cursors.
const HMAC_CONTEXT = 'scale-lab.cursor.v1.';
const B64URL = /^[A-Za-z0-9_-]+$/;

// Short keys keep the cursor compact; strict() refuses extra fields rather than silently ignoring them.
const payloadSchema = z.strictObject({
  c: z.string().min(1).max(64),
  i: z.number().int().nonnegative(),
  s: z.enum(CURSOR_SORTS).optional(),
});
type Payload = z.infer<typeof payloadSchema>;

function secretBytes(secret: Buffer | string): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  // An empty key makes every signature public; that is a deployment bug, so fail loudly.
  if (bytes.length === 0) throw new Error('Cursor secret must not be empty');
  return bytes;
}

function sign(payloadPart: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(HMAC_CONTEXT).update(payloadPart).digest().subarray(0, SIG_BYTES);
}

/** Buffer.from(…, 'base64url') skips junk silently; requiring a canonical round trip rejects it. */
function strictBase64url(part: string): Buffer | undefined {
  if (!B64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

export function encodeCursor(key: CursorKey, secret: Buffer | string, options: CursorOptions = {}): string {
  const payload: Payload = { c: key.createdAt, i: key.id };
  if (options.sort !== undefined) payload.s = options.sort;
  // Validate on the way out too: minting a cursor that decode would reject is a caller bug.
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new TypeError(`Invalid cursor key: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  const payloadPart = Buffer.from(JSON.stringify(parsed.data), 'utf8').toString('base64url');
  return `${payloadPart}.${sign(payloadPart, secretBytes(secret)).toString('base64url')}`;
}

/**
 * Verifies before parsing, so attacker-chosen JSON never reaches the parser unless we signed it.
 * The shape is still validated afterwards because a cursor signed by an older build may differ.
 */
export function decodeCursor(cursor: string, secret: Buffer | string, options: CursorOptions = {}): DecodeCursorResult {
  const key = secretBytes(secret);
  if (typeof cursor !== 'string' || cursor.length === 0) return { ok: false, reason: 'malformed' };
  if (cursor.length > MAX_CURSOR_LENGTH) return { ok: false, reason: 'too_long' };

  const parts = cursor.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payloadPart = '', sigPart = ''] = parts;
  const payloadBytes = strictBase64url(payloadPart);
  const sig = strictBase64url(sigPart);
  if (!payloadBytes || !sig) return { ok: false, reason: 'malformed' };
  // timingSafeEqual throws on length mismatch, and a wrong length is malformed rather than forged.
  if (sig.length !== SIG_BYTES) return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(sig, sign(payloadPart, key))) return { ok: false, reason: 'bad_signature' };

  let json: unknown;
  try {
    json = JSON.parse(payloadBytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'bad_payload' };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'bad_payload' };
  if (parsed.data.s !== options.sort) return { ok: false, reason: 'sort_mismatch' };
  return { ok: true, key: { createdAt: parsed.data.c, id: parsed.data.i } };
}
