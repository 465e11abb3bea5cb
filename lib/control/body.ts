import { problem } from '../api/problem';
import { toFetchResponse } from '../api/fetch-adapter';

/**
 * One bounded reader for every control-API body. A control call carries a few hundred bytes
 * of JSON; reading an unbounded body first (as `request.text()` does) let one client hold
 * hundreds of megabytes in the process that serves everyone's pages. The cap is checked on
 * Content-Length before a byte is read, and again while streaming, because a chunked body
 * has no length to check.
 */
export const CONTROL_BODY_LIMIT = 64 * 1024;
/** A progress export of the whole course is a few tens of kilobytes; 1 MiB leaves room. */
export const IMPORT_BODY_LIMIT = 1024 * 1024;

export type BodyText = { ok: true; text: string } | { ok: false; response: Response };

const instanceOf = (request: Request) => new URL(request.url).pathname;

export function bodyTooLarge(request: Request, limit: number): Response {
  return toFetchResponse(
    problem(
      'payload-too-large',
      `This endpoint accepts bodies of at most ${limit} bytes (${Math.round(limit / 1024)} KiB).`,
      {
        instance: instanceOf(request),
        headers: { connection: 'close' },
      },
    ),
  );
}

/** True when the declared Content-Length alone is over the limit (or is not a number at all). */
export function declaredTooLarge(request: Request, limit: number): boolean {
  const declared = request.headers.get('content-length');
  if (declared === null) return false;
  if (!/^\d{1,20}$/.test(declared.trim())) return true;
  return Number(declared) > limit;
}

/** Reads at most `limit` bytes of the body as strict UTF-8: 413 past the cap, 422 for bytes that are not UTF-8. */
export async function readBodyText(request: Request, limit = CONTROL_BODY_LIMIT): Promise<BodyText> {
  // Past the cap the body is left unread, not cancelled: under Next.js, cancelling destroys the
  // socket before the 413 can be written. The 413 says Connection: close, and once it is sent the
  // server closes lingering, without parsing the rest (scripts/http-client-errors.cjs).
  if (declaredTooLarge(request, limit)) return { ok: false, response: bodyTooLarge(request, limit) };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Stop reading: the rest of the body is never read, let alone buffered.
        reader.releaseLock();
        return { ok: false, response: bodyTooLarge(request, limit) };
      }
      chunks.push(value);
    }
  } catch {
    return {
      ok: false,
      response: toFetchResponse(
        problem('malformed-json', 'The request body could not be read to its end.', { instance: instanceOf(request) }),
      ),
    };
  }
  const bytes = Buffer.concat(chunks, size);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, response: invalidUnicode(request, 'The body is not valid UTF-8 text.') };
  }
}

export function invalidUnicode(request: Request, detail: string): Response {
  return toFetchResponse(
    problem(
      'validation-failed',
      `${detail} Send JSON encoded as UTF-8, with no unpaired surrogate escapes such as "\\ud800".`,
      {
        instance: instanceOf(request),
        errors: [{ field: '(root)', in: 'body', detail: 'contains invalid Unicode' }],
      },
    ),
  );
}
