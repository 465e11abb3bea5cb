import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { serveFrontDoor } from '@/lib/lab-server/front-door-node';
import { MAX_BODY_BYTES } from '@/lib/lab-server/server';
import { floodChunked, parseAnswer, sendRaw } from '@/lib/testing/body-flood';
import { LINGER_BYTES, LINGER_MS } from '@/lib/api/lingering-close.cjs';

/**
 * The Shop API's 1 MiB body cap stops reading mid-stream. Draining the rest of a body past the
 * cap (what the lab server did) lets one client keep the lab server's event loop, which serves
 * every learner, busy parsing and discarding hundreds of megabytes. Here a raw client streams
 * a chunked body far past the cap, writing only as fast as the server takes bytes off the
 * wire, and counts what it managed to hand over before the server answered 413 and closed.
 * Closing with those bytes unread would make the kernel reset the connection, and a client still
 * writing could lose the 413 to the reset: the server closes lingering (lib/api/lingering-close.cjs).
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let auth: Record<string, string>;
let frontDoor: http.Server;
let frontDoorPort: number;

beforeAll(async () => {
  lab = await startTestLab('c');
  auth = await lab.claim();
  frontDoor = http.createServer((req, res) => void serveFrontDoor(req, res));
  await new Promise<void>((resolve) => frontDoor.listen(0, '127.0.0.1', resolve));
  frontDoorPort = (frontDoor.address() as AddressInfo).port;
});
afterAll(async () => {
  frontDoor.closeAllConnections();
  await new Promise((resolve) => frontDoor.close(resolve));
  await lab.stop();
});

const ATTEMPT = 256 * 1024 * 1024;
/** What the kernel's socket buffers on both ends can hold without the server reading (loopback). */
const SOCKET_BUFFERS = 16 * 1024 * 1024;
/** The cap, what the lingering close discards at most, and the socket buffers. */
const ACCEPTED_BOUND = MAX_BODY_BYTES + LINGER_BYTES + SOCKET_BUFFERS;
/** How long after its answer the server may keep a connection, with room for a slow machine. */
const CLOSED_WITHIN_MS = LINGER_MS + 2000;
const ATTEMPTS = 5;

const chunkedHead = (path: string) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth.authorization}\r\n` +
  'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';

function expect413(answer: string) {
  const { status, head, body } = parseAnswer(answer);
  expect(status).toBe(413);
  expect(head).toContain('content-type: application/problem+json');
  expect(head).toContain('connection: close');
  expect(body).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
}

describe.each([
  ['the lab server', () => lab.lab.status().port!],
  ['the front door', () => frontDoorPort],
])('%s stops reading a body past the cap', (_name, port) => {
  // The client Node's net module makes stops writing once the server ends its side: it gets the
  // 413, then an orderly close, never a reset (the old immediate close reset it every time).
  it(`a chunked body far past the cap, ${ATTEMPTS} times: the whole 413, then an orderly close`, async () => {
    for (let i = 0; i < ATTEMPTS; i++) {
      const r = await floodChunked(port(), chunkedHead('/api/v1/orders'), ATTEMPT);
      const taken = `attempt ${i + 1}: ${(r.sent / 1024 / 1024).toFixed(1)} MiB taken`;
      expect413(r.answer);
      expect(r.error, taken).toBe(null);
      expect(r.closedBeforeEnd, taken).toBe(true);
      expect(r.sent, taken).toBeGreaterThan(MAX_BODY_BYTES);
      expect(r.sent, taken).toBeLessThan(ACCEPTED_BOUND);
      expect(r.closedAfterAnswerMs, taken).toBeLessThan(CLOSED_WITHIN_MS);
    }
  });

  // A client that writes its whole body before it reads: only the server can end the flood, by
  // its byte or time bound, and the 413 must have arrived before it does.
  it(`a client that keeps writing regardless, ${ATTEMPTS} times: the whole 413, then the server closes within its bounds`, async () => {
    for (let i = 0; i < ATTEMPTS; i++) {
      const r = await floodChunked(port(), chunkedHead('/api/v1/orders'), ATTEMPT, { deaf: true });
      const taken = `attempt ${i + 1}: ${(r.sent / 1024 / 1024).toFixed(1)} MiB taken`;
      expect413(r.answer);
      expect(r.closedBeforeEnd, taken).toBe(true);
      expect(r.sent, taken).toBeLessThan(ACCEPTED_BOUND);
      expect(r.closedAfterAnswerMs, taken).toBeLessThan(CLOSED_WITHIN_MS);
    }
  });

  it('a declared Content-Length past the cap: 413 before a byte of the body is sent', async () => {
    const head =
      `POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth.authorization}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`;
    expect413(await sendRaw(port(), head));
  });

  it('a body under the cap is still read and answered, and the server answers afterwards', async () => {
    const res = await fetch(`http://127.0.0.1:${port()}/api/v1/orders`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 1, note: 'x'.repeat(MAX_BODY_BYTES - 100) }),
    });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});
