import net from 'node:net';
import type { LoadRequest } from './endpoints';
import { ResponseParser, type ParsedResponse } from './response-parser';
import type { Outcome } from './stats';

/**
 * The generator's HTTP/1.1 client: keep-alive connections over raw sockets, one request at a
 * time per connection, each request written as one pre-built string, responses framed by
 * response-parser.ts. Like autocannon and wrk, it does only what measuring needs, because its
 * own cost is inside every latency it reports (bench/generator-accuracy.ts measures it).
 *
 * Each request is reported exactly once: a response, a timeout, a network error or a
 * cancellation. The target is loopback only: the address comes from server configuration,
 * and refusing anything else here means a bug upstream cannot turn the generator into a
 * tool for loading someone else's server.
 */
export type LoadTarget = { host: string; port: number; pathPrefix?: string };

/** Connections per run: enough for the in-flight cap, few enough to stay clear of fd limits. */
export const MAX_SOCKETS = 256;

const PREFIX = /^(\/[A-Za-z0-9._~-]+)*$/;

export function assertLoopbackTarget(target: LoadTarget): void {
  const { host, port, pathPrefix } = target;
  if (!isLoopbackAddress(host)) {
    throw new Error(`Load can only target a loopback address (127.0.0.0/8 or ::1), not ${JSON.stringify(host)}.`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid load target port ${port}.`);
  if (
    pathPrefix !== undefined &&
    (!PREFIX.test(pathPrefix) || pathPrefix.split('/').some((s) => s === '..' || s === '.'))
  ) {
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

// Header names and values go on the wire verbatim: a CR or LF would smuggle a header in.
const SAFE = /^[^\r\n]*$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function buildRequestText(target: LoadTarget, request: LoadRequest, headers: Record<string, string>): string {
  const path = `${target.pathPrefix ?? ''}${request.path}`;
  if (!path.startsWith('/') || /[\s]/.test(path)) throw new Error(`Invalid request path ${JSON.stringify(path)}.`);
  const host = net.isIP(target.host) === 6 ? `[${target.host}]` : target.host;
  let text = `${request.method} ${path} HTTP/1.1\r\nhost: ${host}:${target.port}\r\naccept: application/json\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name) || !SAFE.test(value)) throw new Error(`Invalid header ${JSON.stringify(name)}.`);
    text += `${name}: ${value}\r\n`;
  }
  if (request.body !== undefined) {
    text += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(request.body)}\r\n\r\n${request.body}`;
  } else text += '\r\n';
  return text;
}

type Done = (outcome: Outcome, endMs: number) => void;

type Conn = {
  socket: net.Socket;
  parser: ResponseParser;
  /** The request this connection is answering, if any. */
  active: ((r: ParsedResponse | null) => void) | null;
};

export type SendOptions = {
  request: LoadRequest;
  headers: Record<string, string>;
  timeoutMs: number;
  now: () => number;
};

export type InFlight = { cancel: () => void };

export type LoadPool = {
  send: (opts: SendOptions, done: Done) => InFlight;
  /** Closes every connection; requests still in flight are the caller's to cancel first. */
  destroy: () => void;
  /** Connections opened so far (for tests and diagnostics). */
  readonly opened: number;
};

export function createLoadPool(target: LoadTarget, maxSockets: number): LoadPool {
  assertLoopbackTarget(target);
  const limit = Math.max(1, Math.min(MAX_SOCKETS, Math.floor(maxSockets)));
  const all = new Set<Conn>();
  // LIFO reuse keeps a small warm set of connections busy at low rates instead of cycling all.
  const idle: Conn[] = [];
  const waiting: ((c: Conn) => void)[] = [];
  let opened = 0;
  let destroyed = false;

  const drop = (c: Conn) => {
    if (!all.delete(c)) return;
    const i = idle.indexOf(c);
    if (i >= 0) idle.splice(i, 1);
    c.socket.destroy();
    const active = c.active;
    c.active = null;
    active?.(null);
    // A slot came free: a queued request gets a fresh connection.
    const next = waiting.shift();
    if (next && !destroyed) next(open());
  };

  const release = (c: Conn) => {
    const next = waiting.shift();
    if (next) next(c);
    else idle.push(c);
  };

  function open(): Conn {
    opened++;
    const socket = net.connect({ host: target.host, port: target.port, noDelay: true });
    const c: Conn = {
      socket,
      active: null,
      parser: new ResponseParser((r) => {
        const active = c.active;
        c.active = null;
        if (!r.keepAlive) drop(c);
        active?.(r);
        if (r.keepAlive && all.has(c)) release(c);
      }),
    };
    all.add(c);
    socket.on('data', (chunk: Buffer) => {
      // Bytes nobody asked for mean the framing is lost: the connection cannot be trusted.
      if (!c.active) return drop(c);
      try {
        c.parser.push(chunk);
      } catch {
        drop(c);
      }
    });
    socket.on('end', () => {
      c.parser.end();
      drop(c);
    });
    socket.on('error', () => drop(c));
    socket.on('close', () => drop(c));
    return c;
  }

  const acquire = (use: (c: Conn) => void) => {
    const c = idle.pop();
    if (c) return use(c);
    if (all.size < limit) return use(open());
    waiting.push(use);
  };

  return {
    get opened() {
      return opened;
    },
    send(opts, done) {
      let settled = false;
      let conn: Conn | null = null;
      let queued: ((c: Conn) => void) | null = null;
      const finish = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(outcome, opts.now());
      };
      const timer = setTimeout(() => {
        finish({ kind: 'timeout' });
        abandon();
      }, opts.timeoutMs);
      // A connection whose request was given up on may still receive its answer later: close it.
      const abandon = () => {
        if (queued) {
          const i = waiting.indexOf(queued);
          if (i >= 0) waiting.splice(i, 1);
        }
        if (conn) drop(conn);
      };
      let text: string;
      try {
        text = buildRequestText(target, opts.request, opts.headers);
      } catch {
        clearTimeout(timer);
        settled = true;
        queueMicrotask(() => done({ kind: 'error' }, opts.now()));
        return { cancel: () => {} };
      }
      queued = (c) => {
        queued = null;
        if (settled || destroyed) return release(c);
        conn = c;
        c.active = (r) => {
          conn = null;
          finish(r ? { kind: 'response', status: r.status, cache: r.cache, bytes: r.bytes } : { kind: 'error' });
        };
        c.socket.write(text);
      };
      acquire(queued);
      return {
        cancel: () => {
          if (settled) return;
          finish({ kind: 'cancelled' });
          abandon();
        },
      };
    },
    destroy() {
      destroyed = true;
      waiting.length = 0;
      for (const c of [...all]) drop(c);
    },
  };
}
