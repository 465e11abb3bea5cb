import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
