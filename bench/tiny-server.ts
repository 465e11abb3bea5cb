import { Worker } from 'node:worker_threads';

/**
 * A known truth for the load generator to be measured against: a bare node:http server on
 * 127.0.0.1 in its own worker thread (never on the generator's thread, nor on the main
 * thread that coordinates), whose behaviour is chosen by the first path segment:
 *   /fast/...     answers 200 at once
 *   /delay10/...  answers 10 ms after its request event. A bare setTimeout(10) fires
 *                 0.1-1 ms late here (timer granularity, plus waking an idle vCPU), so it
 *                 sleeps until 2 ms before and then yields turn by turn until 10 ms have
 *                 passed: the same technique the generator uses for its send times. The
 *                 wait it really got goes in x-measured-wait-ms and into its samples
 *   /stall/...    like /delay10, but the first request after the armed moment busy-waits
 *                 STALL_MS on the server's event loop: every request in flight or arriving
 *                 meanwhile waits, as behind a GC pause or a synchronous table scan
 * It also records, per request, the time from the request event to res.end(): what the
 * server itself would report as its latency.
 *
 * The source is plain JavaScript evaluated in the worker (eval: true), because the bench
 * bundle has one entry point and index.ts owns its worker roles; this needs nothing but node.
 */
export const STALL_MS = 500;

const SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const STALL_MS = ${STALL_MS};
let waits = [], handles = [], requests = 0, stalls = 0, stallAt = Infinity;
const server = http.createServer((req, res) => {
  const t0 = performance.now();
  requests++;
  const kind = (req.url || '').split('/')[1];
  const reply = (headers) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2', ...headers });
    res.end('ok');
    handles.push(performance.now() - t0);
  };
  if (kind === 'fast') return reply({});
  if (kind !== 'delay10' && kind !== 'stall') { res.writeHead(404); return res.end(); }
  if (kind === 'stall' && t0 >= stallAt) {
    stallAt = Infinity;
    stalls++;
    const end = performance.now() + STALL_MS;
    while (performance.now() < end) {} // block the loop on purpose
  }
  const asked = performance.now();
  const until = asked + 10;
  const step = () => {
    const left = until - performance.now();
    if (left > 2.5) return void setTimeout(step, left - 2);
    if (left > 0) return void setImmediate(step);
    const waited = performance.now() - asked;
    waits.push(waited);
    reply({ 'x-measured-wait-ms': waited.toFixed(3) });
  };
  step();
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'ready', port: server.address().port }));
parentPort.on('message', (m) => {
  if (m.type === 'reset') {
    waits = []; handles = []; requests = 0; stalls = 0;
    stallAt = m.stallAfterMs == null ? Infinity : performance.now() + m.stallAfterMs;
    parentPort.postMessage({ type: 'reset' });
  } else if (m.type === 'collect') {
    parentPort.postMessage({ type: 'collect', waits, handles, requests, stalls });
  } else if (m.type === 'stop') {
    server.closeAllConnections();
    server.close(() => { parentPort.postMessage({ type: 'stop' }); parentPort.close(); });
  }
});
`;

export type TinySamples = { waits: number[]; handles: number[]; requests: number; stalls: number };

export type TinyServer = {
  port: number;
  /** Clears the samples; with stallAfterMs, /stall stalls once that long from now. */
  reset: (stallAfterMs?: number) => Promise<void>;
  collect: () => Promise<TinySamples>;
  stop: () => Promise<void>;
};

export async function startTinyServer(): Promise<TinyServer> {
  const w = new Worker(SOURCE, { eval: true });
  const ask = <T>(type: string, extra: object = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        off();
        resolve(m as T);
      };
      const onExit = (code: number) => (off(), reject(new Error(`tiny server exited (code ${code}) before '${type}'`)));
      const off = () => (w.off('message', onMessage), w.off('error', reject), w.off('exit', onExit));
      w.on('message', onMessage);
      w.on('error', reject);
      w.on('exit', onExit);
      if (type !== 'ready') w.postMessage({ type, ...extra });
    });
  const { port } = await ask<{ port: number }>('ready');
  return {
    port,
    reset: async (stallAfterMs) => void (await ask('reset', { stallAfterMs })),
    collect: () => ask<TinySamples>('collect'),
    stop: async () => {
      const timer = setTimeout(() => void w.terminate(), 5_000);
      await ask('stop').finally(() => clearTimeout(timer));
    },
  };
}
