import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badPathResponse } from '@/lib/api/request-path';
import { floodChunked, parseAnswer } from '@/lib/testing/body-flood';
import { LINGER_BYTES } from '@/lib/api/lingering-close.cjs';

/**
 * A request Node cannot parse never reaches Next.js: Node answers it itself, with an empty body.
 * scripts/start.mjs preloads scripts/http-client-errors.cjs into `next start` so those answers are
 * problem+json too. Here: a bare node:http server with and without the preload.
 */
const preload = path.join(__dirname, '..', '..', 'scripts', 'http-client-errors.cjs');
const SERVER =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port); });";

async function start(withPreload: boolean): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...(withPreload ? ['--require', preload] : []), '-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port };
}

/** Sends raw bytes and returns the whole answer (the server closes the connection). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let out = '';
    socket.on('data', (d) => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

const parse = (answer: string) => {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body };
};

const hugeHeaders = `GET /api/lab/health HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`;
const garbage = 'NOT HTTP AT ALL\r\n\r\n';

describe('requests Node cannot parse', () => {
  let bare: { child: ChildProcess; port: number };
  let patched: { child: ChildProcess; port: number };
  beforeAll(async () => {
    [bare, patched] = await Promise.all([start(false), start(true)]);
  });
  afterAll(() => {
    bare?.child.kill();
    patched?.child.kill();
  });

  it('without the preload, Node answers with an empty body (what the preload fixes)', async () => {
    const a = parse(await raw(bare.port, hugeHeaders));
    expect(a.status).toBe(431);
    expect(a.body).toBe('');
  });

  it('headers over the limit: 431 problem+json', async () => {
    const a = parse(await raw(patched.port, hugeHeaders));
    expect(a.status).toBe(431);
    expect(a.head).toContain('content-type: application/problem+json');
    expect(JSON.parse(a.body)).toMatchObject({
      type: '/problems/headers-too-large',
      status: 431,
      title: 'Request header fields too large',
    });
  });

  it('a request that is not HTTP: 400 problem+json', async () => {
    const a = parse(await raw(patched.port, garbage));
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body)).toMatchObject({ type: '/problems/malformed-request', status: 400 });
  });

  it('the server still answers afterwards', async () => {
    const res = await fetch(`http://127.0.0.1:${patched.port}/`);
    expect(await res.text()).toBe('ok');
  });
});

/**
 * Requests with a body skip proxy.ts (Next.js would read the whole body for it first), so the
 * preload makes proxy.ts's two checks for them on the request line, and closes a connection whose
 * body a route left unread (lingering, lib/api/lingering-close.cjs) instead of letting Node parse
 * the rest to keep the connection alive.
 */
describe('requests with a body, at the edge', () => {
  let bare: { child: ChildProcess; port: number };
  let patched: { child: ChildProcess; port: number };
  beforeAll(async () => {
    [bare, patched] = await Promise.all([start(false), start(true)]);
  });
  afterAll(() => {
    bare?.child.kill();
    patched?.child.kill();
  });

  const post = (path: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`;

  it.each(['/api/v1/products/%E0%A4%A', '/api/lab/lessons/%ZZ/items', '/api/nothing-here', '/api'])(
    'POST %s gets the problem proxy.ts gives a request without a body',
    async (path) => {
      const expected = badPathResponse(`http://localhost${path}`)!;
      const a = parseAnswer(await raw(patched.port, post(path)));
      expect(a.status).toBe(expected.status);
      expect(a.head).toContain('content-type: application/problem+json');
      expect(a.body).toEqual(await expected.json());
      expect(parseAnswer(await raw(bare.port, post(path))).body).toBe('ok');
    },
  );

  it('a known path goes on to the server', async () => {
    expect(parseAnswer(await raw(patched.port, post('/api/lab/join'))).body).toBe('ok');
  });

  // The server runs in its own process here, as `next start` does: a client still writing while
  // the server closed with its bytes unread could lose the answer to the reset (2 in 3 in CI).
  it('a body the server answered without reading is never parsed: the answer, then an orderly close, every time', async () => {
    const head = 'POST /api/lab/sandbox HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n';
    const attempt = 128 * 1024 * 1024;
    for (let i = 0; i < 5; i++) {
      const closed = await floodChunked(patched.port, head, attempt);
      const taken = `attempt ${i + 1}: ${(closed.sent / 1024 / 1024).toFixed(1)} MiB taken`;
      expect(parseAnswer(closed.answer).body, taken).toBe('ok');
      expect(closed.error, taken).toBe(null);
      expect(closed.closedBeforeEnd, taken).toBe(true);
      // What the lingering close discards at most, and what loopback socket buffers hold.
      expect(closed.sent, taken).toBeLessThan(LINGER_BYTES + 16 * 1024 * 1024);
    }
    // Without the preload, Node reads all of it, to keep the connection alive.
    const drained = await floodChunked(bare.port, head, attempt);
    expect(drained.sent).toBe(attempt);
  });
});
