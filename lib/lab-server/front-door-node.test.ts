import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '../testing/test-lab';
import { frontDoorWith, serveFrontDoor } from './front-door-node';
import { toFetchResponse } from '../api/fetch-adapter';
import { problem } from '../api/problem';
import { MAX_BODY_BYTES } from './server';

/** The Node adapter the pages/api front door uses, on a real node:http server in front of a real lab server. */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let auth: Record<string, string>;
let server: http.Server;
let base: string;

beforeAll(async () => {
  lab = await startTestLab('n');
  auth = await lab.claim();
  server = http.createServer((req, res) => void serveFrontDoor(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await lab.stop();
});

describe('serveFrontDoor', () => {
  it('passes status, headers and body through, adding only its own Server-Timing entry', async () => {
    const res = await fetch(`${base}/api/shop/products/1`, { headers: { ...auth, 'api-version': '2' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toBe('API-Version');
    expect(res.headers.get('api-version')).toBe('2');
    expect(res.headers.get('server-timing')).toMatch(/total;dur=[\d.]+, frontdoor;dur=/);
    expect((await res.json()).price.currency).toBe('EUR');
  });

  it("forwards a JSON body and answers the lab server's problem", async () => {
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"user_id": 1}',
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses a chunked body over the limit with 413, without buffering the rest', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/api/v1/orders`,
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers what the step before forwarding returns (a sandbox being taken over: 503), without forwarding', async () => {
    const seen: string[] = [];
    const door = frontDoorWith(async (_headers, method) => {
      seen.push(method);
      return toFetchResponse(problem('lab-unavailable', 'not ready here yet', { headers: { 'retry-after': '2' } }));
    });
    const busy = http.createServer((req, res) => void door(req, res));
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = busy.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/products/1`, { headers: auth });
      // Before, the answer was ignored and the request forwarded: 200 from a copy this node does not hold.
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('retry-after')).toBe('2');
      expect(seen).toEqual(['GET']);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
