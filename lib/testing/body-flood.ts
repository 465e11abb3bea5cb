import net from 'node:net';

/**
 * Raw-socket clients for body-cap tests: a fetch client would buffer or time out on its own,
 * and only a raw socket shows how much of a body the server took off the wire.
 */
export type Flood = {
  /** Body bytes handed to the socket, written only as fast as the server took them. */
  sent: number;
  /** Everything the server answered, as latin1 text. */
  answer: string;
  /** True when the server closed the connection before the whole body was sent. */
  closedBeforeEnd: boolean;
  /** The network error the connection ended with (ECONNRESET, EPIPE: a reset), or null for an orderly close. */
  error: string | null;
  /** Milliseconds from the first byte of the answer to the connection's close (null: no answer). */
  closedAfterAnswerMs: number | null;
};

/**
 * Streams up to `attempt` bytes as one chunked body after `head`, until the connection closes.
 * `deaf`: keep writing after the server has ended its side, as a client that sends its whole
 * body before it reads would; only the server can end the flood then.
 */
export function floodChunked(port: number, head: string, attempt: number, { deaf = false } = {}): Promise<Flood> {
  return new Promise((resolve) => {
    const payload = Buffer.alloc(64 * 1024, 0x20);
    const chunk = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n')]);
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: deaf });
    let sent = 0;
    let answer = '';
    let answeredAt: number | null = null;
    let ended = false;
    let error: string | null = null;
    socket.on('data', (d) => {
      answeredAt ??= performance.now();
      answer += d.toString('latin1');
    });
    // EPIPE or ECONNRESET once the server has reset the connection. Only errors from the network
    // count (they carry a syscall), not a write this client makes after its own end.
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.syscall) error ??= e.code ?? e.message;
    });
    socket.on('close', () =>
      resolve({
        sent,
        answer,
        closedBeforeEnd: !ended,
        error,
        closedAfterAnswerMs: answeredAt === null ? null : performance.now() - answeredAt,
      }),
    );
    socket.on('connect', () => {
      socket.write(head);
      const pump = () => {
        while (sent < attempt && !socket.destroyed) {
          sent += payload.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (!socket.destroyed) {
          ended = true;
          socket.end('0\r\n\r\n');
        }
      };
      pump();
    });
  });
}

/** Sends raw bytes (a request head whose body never follows, say) and returns what the server answers before it closes. */
export function sendRaw(port: number, head: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
  });
}

/** The status, lower-cased head and parsed problem of a raw HTTP/1.1 answer. */
export function parseAnswer(answer: string): { status: number; head: string; body: unknown } {
  const at = answer.indexOf('\r\n\r\n');
  const head = at < 0 ? answer : answer.slice(0, at);
  const raw = at < 0 ? '' : answer.slice(at + 4);
  const text = /\r\ntransfer-encoding: chunked/i.test(head) ? dechunk(raw) : raw;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body };
}

/** The payload of a chunked body (as far as it arrived). */
function dechunk(raw: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) return out;
    const size = parseInt(raw.slice(at, eol), 16);
    if (!(size > 0)) return out;
    out += raw.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}
