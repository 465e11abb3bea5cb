import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { floodChunked, parseAnswer } from '../testing/body-flood';
import { closeAfterAnswer, type LingerLimits } from './lingering-close.cjs';

/**
 * The lingering close's own bounds, with small limits so they show quickly: a server that answers
 * 413 at once without reading the body, as a body cap does. (The Shop API's and the `next start`
 * preload's use of it: tests/hardening/shop-body-cap.test.ts, client-errors.test.ts.)
 */
const HEAD = 'POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n';
const BODY = JSON.stringify({ type: '/problems/payload-too-large', status: 413 });

let server: http.Server | undefined;
/** When the server finished writing its last answer, by its own clock (the test's process). */
let serverAnsweredAt = 0;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

/** Starts the server; `closed` resolves with the bytes the server read from the first connection and when it closed. */
async function start(limits: LingerLimits) {
  server = http.createServer((req, res) => {
    closeAfterAnswer(req, res, limits);
    // Prepended after closeAfterAnswer's, so this runs first: at or before its timer starts.
    res.prependOnceListener('finish', () => (serverAnsweredAt = performance.now()));
    res.writeHead(413, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
  const closed = new Promise<{ bytesRead: number; at: number }>((resolve) =>
    server!.once('connection', (s: net.Socket) =>
      s.on('close', () => resolve({ bytesRead: s.bytesRead, at: performance.now() })),
    ),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, closed };
}

describe('lingering close', () => {
  it('a client that keeps writing as fast as it can: the server reads at most its byte bound, then closes', async () => {
    const bytes = 1024 * 1024;
    const { port, closed } = await start({ ms: 60_000, bytes });
    const r = await floodChunked(port, HEAD, 256 * 1024 * 1024, { deaf: true });
    expect(parseAnswer(r.answer).body).toEqual(JSON.parse(BODY));
    // The bound, plus the read that passed it and the one that carried the request head (64 KiB each).
    expect((await closed).bytesRead).toBeLessThanOrEqual(bytes + 256 * 1024);
    expect(r.closedAfterAnswerMs).toBeLessThan(10_000);
  });

  it('a client that trickles bytes and never ends: the server closes when its time is up', async () => {
    const ms = 300;
    const { port, closed } = await start({ ms, bytes: 1024 * 1024 });
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    socket.on('error', () => {});
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.write(HEAD);
    const trickle = setInterval(() => socket.write('400\r\n' + ' '.repeat(1024) + '\r\n'), 20);
    const { at } = await closed;
    clearInterval(trickle);
    socket.destroy();
    expect(parseAnswer(answer).status).toBe(413);
    // Measured on the server's side: from its answer being written (before its timer starts) to
    // its close. A Node timer never fires early; 2 ms is for the two clocks' rounding. (The
    // client's arrival time is no start: on a loaded box the answer can reach it late.)
    expect(at - serverAnsweredAt).toBeGreaterThanOrEqual(ms - 2);
    expect(at - serverAnsweredAt).toBeLessThan(ms + 5000);
  });

  it('a client that closes after the answer: the server closes at once, with nothing left unread', async () => {
    const { port, closed } = await start({ ms: 60_000, bytes: 64 * 1024 * 1024 });
    const started = performance.now();
    const r = await floodChunked(port, HEAD, 256 * 1024 * 1024);
    expect(parseAnswer(r.answer).status).toBe(413);
    // An orderly close on both sides: no reset.
    expect(r.error).toBe(null);
    // Not when the (minute-long) time bound is up: when the client closed.
    expect((await closed).at - started).toBeLessThan(5000);
  });
});
