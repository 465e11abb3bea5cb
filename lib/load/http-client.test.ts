import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRequestText, createLoadPool, type LoadPool, type SendOptions } from './http-client';
import type { Outcome } from './stats';

/** The generator's client against real servers on loopback: node:http, and raw sockets for what node:http would never send. */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        if (server instanceof http.Server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

function pool(port: number, max = 4): LoadPool {
  const p = createLoadPool({ host: '127.0.0.1', port }, max);
  closers.unshift(async () => p.destroy());
  return p;
}

const opts = (path: string, extra: Partial<SendOptions> = {}): SendOptions => ({
  request: { method: 'GET', path },
  headers: { authorization: 'Bearer t' },
  timeoutMs: 2000,
  now: () => performance.now(),
  ...extra,
});
const send = (p: LoadPool, o: SendOptions) =>
  new Promise<Outcome>((resolve) => p.send(o, (outcome) => resolve(outcome)));

describe('load pool', () => {
  it('sends real requests with headers and a body, and reuses one keep-alive connection', async () => {
    const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];
    let connections = 0;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'x-cache': 'MISS' }).end('{"ok":true}');
      });
    });
    server.on('connection', () => connections++);
    const p = pool(await listen(server));
    for (let i = 0; i < 5; i++) {
      expect(await send(p, opts(`/a/${i}`))).toEqual({ kind: 'response', status: 200, cache: 'MISS', bytes: 11 });
    }
    const post = await send(p, opts('/orders', { request: { method: 'POST', path: '/orders', body: '{"q":"é"}' } }));
    expect(post).toMatchObject({ kind: 'response', status: 201 });
    expect(seen.map((s) => s.url)).toEqual(['/a/0', '/a/1', '/a/2', '/a/3', '/a/4', '/orders']);
    expect(seen[5]).toMatchObject({ method: 'POST', auth: 'Bearer t', body: '{"q":"é"}' });
    expect(connections).toBe(1);
    expect(p.opened).toBe(1);
  });

  it('opens at most maxSockets connections and queues the rest', async () => {
    let open = 0;
    let peak = 0;
    const server = http.createServer((_req, res) => {
      peak = Math.max(peak, ++open);
      setTimeout(() => (open--, res.end('x')), 20);
    });
    const p = pool(await listen(server), 3);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => send(p, opts(`/${i}`))));
    expect(outcomes.every((o) => o.kind === 'response' && o.status === 200)).toBe(true);
    expect(peak).toBe(3);
    expect(p.opened).toBe(3);
  });

  it('reports a timeout, then a later request works on a fresh connection', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/hang') return;
      res.end('ok');
    });
    const p = pool(await listen(server), 1);
    expect(await send(p, opts('/hang', { timeoutMs: 50 }))).toEqual({ kind: 'timeout' });
    expect(await send(p, opts('/fine'))).toMatchObject({ kind: 'response', status: 200 });
    expect(p.opened).toBe(2);
  });

  it('cancels exactly once', async () => {
    const server = http.createServer(() => {});
    const p = pool(await listen(server));
    const outcomes: Outcome[] = [];
    const h = p.send(opts('/hang'), (o) => outcomes.push(o));
    await new Promise((r) => setTimeout(r, 20));
    h.cancel();
    h.cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(outcomes).toEqual([{ kind: 'cancelled' }]);
  });

  it('reports an error for a refused connection and for a connection cut mid-response', async () => {
    const dead = net.createServer();
    const deadPort = await listen(dead);
    await new Promise<void>((r) => dead.close(() => r()));
    closers.pop();
    expect(await send(pool(deadPort), opts('/'))).toEqual({ kind: 'error' });

    const cutter = net.createServer((s) =>
      s.once('data', () => s.end('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc')),
    );
    expect(await send(pool(await listen(cutter)), opts('/'))).toEqual({ kind: 'error' });
  });

  it('follows Connection: close and a body that ends with the connection', async () => {
    let connections = 0;
    const raw = net.createServer((s) => {
      connections++;
      s.once('data', () => s.end('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\nbusy!'));
    });
    const p = pool(await listen(raw), 1);
    expect(await send(p, opts('/'))).toEqual({ kind: 'response', status: 503, cache: undefined, bytes: 5 });
    expect(await send(p, opts('/'))).toMatchObject({ kind: 'response', status: 503 });
    expect(connections).toBe(2);
  });

  it('refuses targets off loopback and header injection', () => {
    expect(() => createLoadPool({ host: '10.0.0.1', port: 80 }, 1)).toThrow(/loopback/);
    expect(() =>
      buildRequestText({ host: '127.0.0.1', port: 1 }, { method: 'GET', path: '/' }, { 'x-a': 'b\r\nx-evil: 1' }),
    ).toThrow(/Invalid header/);
    expect(buildRequestText({ host: '::1', port: 8 }, { method: 'GET', path: '/x' }, {})).toBe(
      'GET /x HTTP/1.1\r\nhost: [::1]:8\r\naccept: application/json\r\n\r\n',
    );
  });
});
