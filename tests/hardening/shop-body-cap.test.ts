import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { serveFrontDoor } from '@/lib/lab-server/front-door-node';
import { MAX_BODY_BYTES } from '@/lib/lab-server/server';
import { floodChunked, parseAnswer, sendRaw } from '@/lib/testing/body-flood';

/**
 * The Shop API's 1 MiB body cap stops reading mid-stream. Draining the rest of a body past the
 * cap (what the lab server did) lets one client keep the lab server's event loop, which serves
 * every learner, busy parsing and discarding hundreds of megabytes. Here a raw client streams
 * a chunked body far past the cap, writing only as fast as the server takes bytes off the
 * wire, and counts what it managed to hand over before the server answered 413 and closed.
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
/** The cap plus what the kernel's socket buffers on both ends can hold without the server reading (loopback). */
const ACCEPTED_BOUND = 16 * 1024 * 1024;

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
  it('a chunked body far past the cap: 413, connection closed, the rest never read', async () => {
    const r = await floodChunked(port(), chunkedHead('/api/v1/orders'), ATTEMPT);
    expect(r.closedBeforeEnd).toBe(true);
    expect(r.sent).toBeGreaterThan(MAX_BODY_BYTES);
    expect(r.sent).toBeLessThan(ACCEPTED_BOUND);
    expect413(r.answer);
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
