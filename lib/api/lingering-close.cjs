// A lingering close, as nginx's lingering_close: for an answer sent before its request's body was
// read to the end (a 413 past a body cap, an edge refusal). CommonJS so that both the TypeScript
// servers (lib/lab-server/capped-body.ts) and the `next start` preload (scripts/http-client-errors.cjs)
// use this one file.
//
// Why not just destroy the socket once the answer is sent: closing a socket with the client's bytes
// still unread makes the kernel send a reset, and a client that is still writing its body can lose
// the answer it has not read yet to that reset (2 attempts in 3 in CI). Why not let Node drain the
// body to keep the connection alive: that let one client keep the event loop busy parsing hundreds
// of megabytes. So: half-close after the answer (the client reads it, then end of stream), read and
// discard raw bytes without the HTTP parser, and destroy the socket when the client closes, after
// LINGER_MS, or past LINGER_BYTES, whichever comes first.
'use strict';

/** How long the connection may linger after the answer. nginx waits up to 5 s for more bytes. */
const LINGER_MS = 3000;
/**
 * How many bytes are discarded at most. Loopback socket buffers alone can hold several MiB the
 * client wrote before the answer, and a busy client may not read the answer until we have read
 * some of them: with 4 MiB, 1 flood in 20 still lost its 413 on a loaded 2-core machine; with 8
 * and 16 MiB, none in 30. Discarding is a read and a counter (no parsing): 16 MiB took 11-30 ms of
 * the event loop there, for a client that keeps writing after the answer (one that stops costs less).
 */
const LINGER_BYTES = 16 * 1024 * 1024;

/**
 * Call before the answer is written. Once it has been handed to the socket, if the request's body
 * was not read to its end, the connection closes lingering instead of being reused or reset.
 */
function lingerAfterAnswer(req, res, limits) {
  // Prepended, so it runs before Node's own 'finish' handler, which ends a `Connection: close`
  // answer with socket.destroySoon() (end, then destroy once written: a reset all the same).
  res.prependOnceListener('finish', () => {
    if (!req.complete) lingeringClose(req.socket, limits);
  });
}

/** lingerAfterAnswer for an answer that also says `Connection: close` (a 413 before the body was read). */
function closeAfterAnswer(req, res, limits) {
  res.shouldKeepAlive = false;
  lingerAfterAnswer(req, res, limits);
}

// Global, so that copies of this file (the preload's and the one bundled into the app) agree:
// a Shop API 413 under `next start` asks for a lingering close from both.
const LINGERING = Symbol.for('scale-lab.lingering-close');

function lingeringClose(socket, { ms = LINGER_MS, bytes = LINGER_BYTES } = {}) {
  if (!socket || socket.destroyed || socket[LINGERING]) return;
  socket[LINGERING] = true;
  // This socket closes itself from here on: Node's destroySoon() would destroy it too early.
  socket.destroySoon = () => {};
  // Unhook the HTTP parser: the rest is not a request anyone will answer, so it is not parsed (and a
  // request pipelined after the body is never run). Adding a 'data' listener below also makes Node
  // hand the socket's reads back from its parser to the socket (`unconsume` in node:_http_server).
  socket.removeAllListeners('data');
  let discarded = 0;
  const close = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(close, ms);
  timer.unref();
  socket.on('data', (chunk) => {
    discarded += chunk.length;
    if (discarded > bytes) close();
  });
  // The client has closed its side: it has everything it will read.
  socket.once('end', close);
  socket.once('close', () => clearTimeout(timer));
  socket.end();
  socket.resume();
  // While the parser read the handle directly, Node's HTTP server may have stopped the handle
  // behind the socket stream's back (the stream then believes a read is pending and never asks
  // again): start it the way node:_http_server's own onSocketResume does.
  const handle = socket._handle;
  if (handle && !handle.reading && typeof handle.readStart === 'function') {
    handle.reading = true;
    handle.readStart();
  }
}

module.exports = { closeAfterAnswer, lingerAfterAnswer, lingeringClose, LINGER_MS, LINGER_BYTES };
