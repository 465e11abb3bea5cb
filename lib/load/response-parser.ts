/**
 * An incremental HTTP/1.1 response parser for the load generator's own client: it reads the
 * status, the few headers the generator records (x-cache) or needs for framing
 * (content-length, transfer-encoding, connection), and counts body bytes without keeping
 * them. node:http's client does much more per request (an IncomingMessage with every header,
 * a stream per body); measured in bench/generator-accuracy.ts, that costs ~0.4 ms a request
 * at low rates, which ends up inside every latency the lab shows.
 *
 * Feed it socket chunks with push(); it reports each complete response through onResponse.
 * Anything it cannot frame (a malformed status line, an oversized head, a bad chunk size) is
 * an error: the caller drops the connection rather than guess where the next response starts.
 */
export type ParsedResponse = { status: number; cache: string | undefined; bytes: number; keepAlive: boolean };

const MAX_HEAD_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

type Body =
  | { kind: 'none' }
  | { kind: 'length'; left: number }
  | { kind: 'chunked'; state: 'size' | 'data' | 'data-end' | 'trailers'; left: number }
  | { kind: 'until-close' };

export class ResponseParser {
  private pending: Buffer | null = null;
  private head: { status: number; cache: string | undefined; keepAlive: boolean } | null = null;
  private body: Body = { kind: 'none' };
  private bytes = 0;
  /** A response to a HEAD request has headers only, whatever content-length says. */
  expectBody = true;

  constructor(private readonly onResponse: (r: ParsedResponse) => void) {}

  /** True while a response has started but not finished (so a closed socket is an error). */
  get midResponse(): boolean {
    return this.head !== null || (this.pending !== null && this.pending.length > 0);
  }

  push(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    while (buf.length > 0) {
      if (!this.head) {
        const end = buf.indexOf(HEAD_END);
        if (end < 0) {
          if (buf.length > MAX_HEAD_BYTES) throw new Error('response head too large');
          this.pending = buf;
          return;
        }
        this.startResponse(buf.toString('latin1', 0, end));
        buf = buf.subarray(end + 4);
        if (this.head && this.body.kind === 'none') this.complete();
        continue;
      }
      buf = this.consumeBody(buf);
    }
  }

  /** The peer closed the connection: a read-until-close body ends here. */
  end(): void {
    if (this.head && this.body.kind === 'until-close') this.complete();
  }

  private startResponse(text: string): void {
    const lines = text.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
    if (!m) throw new Error('malformed status line');
    const status = Number(m[2]);
    // 1xx interim responses (100 Continue, 103 Early Hints) precede the real one.
    if (status >= 100 && status < 200 && status !== 101) return;
    let length: number | null = null;
    let chunked = false;
    let cache: string | undefined;
    let keepAlive = m[1] === '1';
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error('malformed header line');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d+$/.test(value) || (length !== null && length !== Number(value)))
          throw new Error('bad content-length');
        length = Number(value);
      } else if (name === 'transfer-encoding') chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
      else if (name === 'connection') {
        const v = value.toLowerCase();
        if (v.includes('close')) keepAlive = false;
        else if (v.includes('keep-alive')) keepAlive = true;
      } else if (name === 'x-cache' && cache === undefined) cache = value;
    }
    this.head = { status, cache, keepAlive };
    this.bytes = 0;
    if (!this.expectBody || status === 204 || status === 304) this.body = { kind: 'none' };
    else if (chunked) this.body = { kind: 'chunked', state: 'size', left: 0 };
    else if (length !== null) this.body = length === 0 ? { kind: 'none' } : { kind: 'length', left: length };
    else {
      this.body = { kind: 'until-close' };
      this.head.keepAlive = false;
    }
  }

  private consumeBody(buf: Buffer): Buffer {
    const b = this.body;
    if (b.kind === 'until-close') {
      this.bytes += buf.length;
      return buf.subarray(buf.length);
    }
    if (b.kind === 'length') {
      const take = Math.min(b.left, buf.length);
      this.bytes += take;
      b.left -= take;
      if (b.left === 0) this.complete();
      return buf.subarray(take);
    }
    if (b.kind === 'chunked') return this.consumeChunked(b, buf);
    return buf;
  }

  private consumeChunked(b: Extract<Body, { kind: 'chunked' }>, buf: Buffer): Buffer {
    if (b.state === 'data') {
      const take = Math.min(b.left, buf.length);
      this.bytes += take;
      b.left -= take;
      if (b.left === 0) b.state = 'data-end';
      return buf.subarray(take);
    }
    const eol = buf.indexOf(CRLF);
    if (eol < 0) {
      if (buf.length > MAX_HEAD_BYTES) throw new Error('chunk line too long');
      this.pending = buf;
      return buf.subarray(buf.length);
    }
    const line = buf.toString('latin1', 0, eol);
    const rest = buf.subarray(eol + 2);
    if (b.state === 'data-end') {
      if (line !== '') throw new Error('missing CRLF after chunk');
      b.state = 'size';
    } else if (b.state === 'size') {
      const size = /^([0-9a-fA-F]{1,8})(?:;.*)?$/.exec(line.trim());
      if (!size) throw new Error('bad chunk size');
      b.left = parseInt(size[1]!, 16);
      b.state = b.left === 0 ? 'trailers' : 'data';
    } else if (line === '') this.complete(); // trailers end with an empty line
    return rest;
  }

  private complete(): void {
    const head = this.head!;
    this.head = null;
    this.body = { kind: 'none' };
    this.onResponse({ status: head.status, cache: head.cache, bytes: this.bytes, keepAlive: head.keepAlive });
  }
}
