// Preloaded into `next start` by scripts/start.mjs (NODE_OPTIONS=--require). A request Node cannot
// parse (headers over its limit, a malformed request line) never reaches Next.js: Node answers it
// itself with a bare status line and no body. Every error under /api/ is RFC 9457 problem+json,
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

const createServer = http.createServer;
http.createServer = function createServerWithProblems(...args) {
  const server = createServer.apply(this, args);
  server.on('clientError', answer);
  return server;
};
module.exports = { answer };
