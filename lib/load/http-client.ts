import http from 'node:http';
import net from 'node:net';
import type { LoadRequest } from './endpoints';
import type { Outcome } from './stats';

/**
 * One request over a keep-alive agent, reported exactly once as a response, a timeout, a
 * network error or a cancellation. The target is loopback only: the address comes from
 * server configuration, and refusing anything else here means a bug upstream cannot turn
 * the generator into a tool for loading someone else's server.
 */
export type LoadTarget = { host: string; port: number; pathPrefix?: string };

/** Sockets per run: enough for the in-flight cap, few enough to stay clear of fd limits. */
export const MAX_SOCKETS = 256;

const PREFIX = /^(\/[A-Za-z0-9._~-]+)*$/;

export function assertLoopbackTarget(target: LoadTarget): void {
  const { host, port, pathPrefix } = target;
  if (!isLoopbackAddress(host)) {
    throw new Error(`Load can only target a loopback address (127.0.0.0/8 or ::1), not ${JSON.stringify(host)}.`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid load target port ${port}.`);
  if (pathPrefix !== undefined && (!PREFIX.test(pathPrefix) || pathPrefix.split('/').some((s) => s === '..' || s === '.'))) {
    throw new Error(`Invalid load target path prefix ${JSON.stringify(pathPrefix)}.`);
  }
}

/** Literal addresses only: a name such as "localhost" could resolve anywhere. */
export function isLoopbackAddress(host: string): boolean {
  const kind = net.isIP(host);
  if (kind === 4) return host.split('.')[0] === '127';
  // The URL parser canonicalises IPv6 (0:0:0:0:0:0:0:1 becomes ::1).
  if (kind === 6) return new URL(`http://[${host}]/`).hostname === '[::1]';
  return false;
}

export function createLoadAgent(maxSockets: number): http.Agent {
  const sockets = Math.max(1, Math.min(MAX_SOCKETS, Math.floor(maxSockets)));
  // LIFO reuse keeps a small warm set of sockets busy at low rates instead of cycling all.
  return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, scheduling: 'lifo' });
}

export type SendOptions = {
  agent: http.Agent;
  target: LoadTarget;
  request: LoadRequest;
  headers: Record<string, string>;
  timeoutMs: number;
  now: () => number;
};

export type InFlight = { cancel: () => void };

export function sendRequest(opts: SendOptions, done: (outcome: Outcome, endMs: number) => void): InFlight {
  const { request, target } = opts;
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = (outcome: Outcome) => {
    if (settled) return;
    settled = true;
    if (timer) clearTimeout(timer);
    done(outcome, opts.now());
  };

  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(request.body));
  }
  const req = http.request({
    agent: opts.agent,
    host: target.host,
    port: target.port,
    method: request.method,
    path: `${target.pathPrefix ?? ''}${request.path}`,
    headers,
  });
  timer = setTimeout(() => {
    finish({ kind: 'timeout' });
    req.destroy();
  }, opts.timeoutMs);

  req.on('response', (res) => {
    let bytes = 0;
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    res.on('end', () => {
      const cache = res.headers['x-cache'];
      finish({ kind: 'response', status: res.statusCode ?? 0, cache: Array.isArray(cache) ? cache[0] : cache, bytes });
    });
    res.on('error', () => finish({ kind: 'error' }));
    res.on('close', () => {
      if (!res.complete) finish({ kind: 'error' });
    });
  });
  req.on('error', () => finish({ kind: 'error' }));
  req.end(request.body);

  return {
    cancel: () => {
      finish({ kind: 'cancelled' });
      req.destroy();
    },
  };
}
