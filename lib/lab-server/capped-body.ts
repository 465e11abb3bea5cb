import type { IncomingMessage } from 'node:http';

export type CappedBody = Buffer | 'too-large' | 'aborted';

/** True when the request carries a body at all (RFC 9112 §6.3: a length or a transfer coding). */
export const hasBody = (req: IncomingMessage): boolean =>
  req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

/**
 * Reads a request body of at most `limit` bytes, for the Shop API (the lab server and the
 * front door). It refuses on Content-Length before a byte is read and, for a chunked body,
 * stops reading the moment the cap is passed: the rest is never parsed, and `closeAfterAnswer`
 * discards at most a bounded part of it before closing. Draining it all instead (what a
 * keep-alive server would do to reuse the connection) let one client keep the event loop that
 * serves every learner busy parsing and discarding hundreds of megabytes.
 */
export function readCappedBody(req: IncomingMessage, limit: number, done: (body: CappedBody) => void): void {
  let settled = false;
  const settle = (body: CappedBody) => {
    if (settled) return;
    settled = true;
    req.off('data', onData);
    done(body);
  };
  // Registered first: a client that hangs up mid-body is an 'error' on the request.
  req.on('error', () => settle('aborted'));
  const declared = req.headers['content-length'];
  if (declared !== undefined && !(Number(declared) <= limit)) {
    req.pause();
    return settle('too-large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  function onData(chunk: Buffer) {
    size += chunk.length;
    if (size <= limit) return void chunks.push(chunk);
    // A paused request stops the socket too, once Node's small read buffer is full.
    req.pause();
    settle('too-large');
  }
  req.on('data', onData);
  req.on('end', () => settle(Buffer.concat(chunks, size)));
}

/**
 * For an answer sent before the body was read to its end (a 413): say the connection closes and,
 * once the answer is sent, close it lingering (read and discard a bounded rest, then close), so a
 * client still writing gets the answer instead of a reset. Call before writing the answer. One
 * implementation with the `next start` preload: lib/api/lingering-close.cjs.
 */
export { closeAfterAnswer } from '../api/lingering-close.cjs';
