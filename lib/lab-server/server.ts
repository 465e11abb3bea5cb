import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { problem } from '../api/problem';
import type { ApiRequest, ApiResponse } from '../api/types';
import { API_BASES, splitApiPath, type ApiBase } from '../api/versions';
import { closeAfterAnswer, hasBody, readCappedBody } from './capped-body';
import { createLabCore, type LabCoreOptions } from './core';
import { splitUrl } from './split-url';

export const MAX_BODY_BYTES = 1_048_576;

export function pastDeadline(header: string | string[] | undefined, nowMs: number): boolean {
  if (typeof header !== 'string' || !/^\d{1,16}$/.test(header)) return false;
  return nowMs > Number(header);
}

export type LabServerOptions = LabCoreOptions & { port?: number };

/**
 * The lean server that runs the Shop API for every sandbox. Plain node:http on loopback
 * only: it is what learners load, so every microsecond of framework here would be
 * measured as "the API".
 */
export async function startLabServer(opts: LabServerOptions) {
  const core = createLabCore(opts);
  const { handle, stats } = core;

  type Body = string | null | 'too-large' | 'not-utf8';
  function answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: { pathname: string; search: string },
    mount: { base: ApiBase; path: string },
    body: Body,
  ): void {
    if (body === 'too-large') {
      // Answer now, then close lingering: the rest of the body is never parsed (capped-body.ts).
      closeAfterAnswer(req, res);
      return send(
        res,
        problem('payload-too-large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`, {
          instance: url.pathname,
        }),
      );
    }
    if (body === 'not-utf8') {
      // Decoding would turn the bad bytes into U+FFFD and store something the client never sent.
      return send(
        res,
        problem('validation-failed', 'The body is not valid UTF-8 text.', {
          instance: url.pathname,
          errors: [{ field: '(root)', in: 'body', detail: 'contains invalid Unicode' }],
        }),
      );
    }
    // A client that gave up (a load run's timeout, a closed page) has gone: do not spend a
    // scan on an answer nobody reads, or an overloaded server keeps working off a dead backlog.
    if (req.socket.destroyed) return;
    // The load generator says when its client gives up (x-request-deadline, epoch ms, the
    // same clock in this process). A request read after that has waited in the queue for a
    // client that is gone: answer at once instead of running its query, so an overloaded
    // lab sheds its backlog in milliseconds, not minutes (deadline propagation, as in gRPC).
    // The clock is read only when there is a deadline to compare it with.
    const deadline = req.headers['x-request-deadline'];
    if (deadline !== undefined && pastDeadline(deadline, Date.now())) {
      stats.shed++;
      return send(
        res,
        problem('lab-unavailable', "The request waited past its client's deadline, so it was not run.", {
          instance: url.pathname,
          headers: { 'retry-after': '1' },
        }),
      );
    }
    const apiReq = new NodeApiRequest(req, res, mount, url.search, body);
    let out: ApiResponse | Promise<ApiResponse>;
    try {
      out = handle(apiReq);
    } catch {
      return fail(res, url.pathname);
    }
    // Most answers are ready at once (see createPipeline): sent now, not a microtask later.
    if (out instanceof Promise)
      out.then(
        (r) => send(res, r),
        () => fail(res, url.pathname),
      );
    else send(res, out);
  }

  const server = http.createServer((req, res) => {
    stats.requests++;
    const url = splitUrl(req.url ?? '/');
    if (url.pathname === '/healthz')
      return send(res, { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });
    const mount = splitApiPath(url.pathname);
    if (!mount) {
      return send(
        res,
        problem('route-not-found', `The lab server only serves ${API_BASES.join(', ')}.`, { instance: url.pathname }),
      );
    }
    // A request without a body (every GET) is answered in this call: no callback, no closure.
    if (!hasBody(req)) return answer(req, res, url, mount, null);
    readBody(req, (body) => answer(req, res, url, mount, body));
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    ...core,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await core.close();
    },
  };
}

export type LabServer = Awaited<ReturnType<typeof startLabServer>>;

/**
 * The request as the pipeline sees it. Hot path: the query string is parsed only when a
 * handler reads it, and the abort signal (with its 'close' listener) exists only when a
 * handler asks for it, which only queued reader work does.
 */
class NodeApiRequest implements ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly base: ApiBase;
  readonly headers: Record<string, string | undefined>;
  private parsedQuery: URLSearchParams | null = null;
  private gone: AbortController | null = null;

  constructor(
    private readonly req: http.IncomingMessage,
    private readonly res: http.ServerResponse,
    mount: { base: ApiBase; path: string },
    readonly search: string,
    readonly body: string | null,
  ) {
    this.method = req.method ?? 'GET';
    this.path = mount.path;
    this.base = mount.base;
    this.headers = req.headers as Record<string, string | undefined>;
  }

  get query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.search));
  }

  get signal(): AbortSignal {
    if (!this.gone) {
      const gone = new AbortController();
      this.gone = gone;
      if (this.req.socket.destroyed && !this.res.writableFinished) gone.abort();
      else
        this.res.once('close', () => {
          if (!this.res.writableFinished) gone.abort();
        });
    }
    return this.gone.signal;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | 'not-utf8' {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return 'not-utf8';
  }
}

const fail = (res: http.ServerResponse, instance: string) =>
  send(res, problem('internal', 'Unexpected failure in the lab server.', { instance }));

/**
 * The body of a request that has one. A request with no Content-Length and no
 * Transfer-Encoding has no body (RFC 9112 §6.3): the caller answers it without waiting for
 * 'end' (a turn of the event loop) and without coming here.
 */
function readBody(req: http.IncomingMessage, done: (body: string | null | 'too-large' | 'not-utf8') => void): void {
  const bodyless = req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' || req.method === 'OPTIONS';
  readCappedBody(req, MAX_BODY_BYTES, (body) => {
    if (body === 'too-large') return done(body);
    // A client that hung up mid-body has gone; the handler sees the destroyed socket and answers nobody.
    if (body === 'aborted') return done(null);
    // A body sent anyway with a method that has none is read (within the cap) and ignored.
    done(bodyless ? null : decodeUtf8(body));
  });
}

/** Writes a pipeline answer: its headers plus Content-Length, in one write with a string body. */
function send(res: http.ServerResponse, r: ApiResponse): void {
  // writeHead gets a flat [name, value, ...] list: node:http validates each pair either way,
  // but an object costs it a for-in with an own-property check per header on top (send() took
  // 3.2 us with the object, 1.8 us with the list, for a v1 answer's 8 headers).
  const flat: Array<string | number> = [];
  const { headers } = r;
  for (const name in headers) if (name !== 'content-length') flat.push(name, headers[name] as string);
  if (r.body !== null) {
    // A string body goes out in one write with the header block (node:http joins them); a
    // Buffer would be a second chunk, a copy first and a writev after.
    flat.push('content-length', Buffer.byteLength(r.body, 'utf8'));
    res.writeHead(r.status, flat);
    res.end(r.body, 'utf8');
    return;
  }
  if (r.status !== 204 && r.status !== 304) flat.push('content-length', 0);
  res.writeHead(r.status, flat);
  res.end();
}
