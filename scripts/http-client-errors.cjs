// Preloaded into `next start` and `next dev` (NODE_OPTIONS=--require, scripts/serve-with-preload.mjs).
// A request Node cannot parse (headers over its limit, a malformed request line) never reaches
// Next.js: Node answers it itself with a bare status line and no body. Every error under /api/ is RFC 9457 problem+json,
// so every HTTP server in the process answers these the same way, with the problem types the
// app documents at /problems (lib/api/problem.ts: headers-too-large, malformed-request).
'use strict';
const http = require('node:http');

const ANSWERS = {
  HPE_HEADER_OVERFLOW: [
    431,
    'headers-too-large',
    'Request header fields too large',
    'The request headers are larger than the server accepts (16 KiB in all). Send fewer or smaller headers, for example a shorter cookie.',
  ],
};
const MALFORMED = [
  400,
  'malformed-request',
  'Malformed HTTP request',
  'The request could not be parsed as HTTP/1.1. Nothing was changed on the server.',
];

function answer(err, socket) {
  // A client that has gone, or a socket already answered: nothing to say to anyone.
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const [status, type, title, detail] = ANSWERS[err.code] || MALFORMED;
  const body = JSON.stringify({ type: `/problems/${type}`, title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

// A request under /api/ that carries a body bypasses proxy.ts on purpose: Next.js reads the
// whole body of any request its proxy sees (to hand it a copy) before a route can refuse it,
// which would undo every body cap. So the two checks proxy.ts makes at the edge are made here
// for those requests, on the request line alone, without reading a byte of the body; the
// answers are the ones lib/api/request-path.ts gives (tests/hardening/client-errors.test.ts
// compares them).
const { API_PREFIXES } = require('../lib/api/api-prefixes.json');
// The same lingering close as the lab server's Shop API (lib/lab-server/capped-body.ts).
const { closeAfterAnswer, lingerAfterAnswer } = require('../lib/api/lingering-close.cjs');

const hasBody = (req) => req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

function edgeProblem(req) {
  const target = req.url || '/';
  if (!target.startsWith('/api') || !hasBody(req)) return null;
  const path = target.replace(/[?#][\s\S]*$/, '');
  if (path !== '/api' && !path.startsWith('/api/')) return null;
  try {
    decodeURIComponent(path);
  } catch {
    return {
      type: '/problems/invalid-parameters',
      title: 'Invalid query or path parameters',
      status: 400,
      detail:
        'The path has a malformed percent escape (a % must be followed by two hex digits that spell UTF-8). Encode path segments with encodeURIComponent.',
      errors: [{ field: 'path', in: 'path', detail: 'malformed percent-encoding' }],
    };
  }
  if (API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return null;
  return {
    type: '/problems/route-not-found',
    title: 'No such route',
    status: 404,
    detail: `There is no API at ${path.slice(0, 200)}. The APIs are /api/v1 and /api/v2 (the Shop API) and /api/lab (the lab's control API).`,
    instance: path.slice(0, 200),
  };
}

/** Answers without reading the body, then closes the connection lingering: the body is never parsed. */
function answerAtEdge(req, res, doc) {
  const body = JSON.stringify(doc);
  closeAfterAnswer(req, res);
  res.writeHead(doc.status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function withEdge(listener) {
  return function edgeThenListener(req, res) {
    const doc = edgeProblem(req);
    if (doc) return answerAtEdge(req, res, doc);
    // An answer sent before its request's body was read to the end (a 413, a route that takes no
    // body): close the connection lingering, rather than let Node parse all the rest to reuse it.
    if (hasBody(req)) lingerAfterAnswer(req, res);
    return listener.call(this, req, res);
  };
}

const createServer = http.createServer;
http.createServer = function createServerWithProblems(...args) {
  const at = args.findIndex((a) => typeof a === 'function');
  if (at >= 0) args[at] = withEdge(args[at]);
  const server = createServer.apply(this, args);
  server.on('clientError', answer);
  return server;
};
module.exports = { answer, edgeProblem };
