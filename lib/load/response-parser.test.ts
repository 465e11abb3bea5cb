import { describe, expect, it } from 'vitest';
import { ResponseParser, type ParsedResponse } from './response-parser';

/** Feeds the text in the given pieces (every split point must give the same answer). */
function parse(text: string, pieces = 1): ParsedResponse[] {
  const out: ParsedResponse[] = [];
  const p = new ResponseParser((r) => out.push(r));
  const buf = Buffer.from(text, 'latin1');
  const size = Math.max(1, Math.ceil(buf.length / pieces));
  for (let i = 0; i < buf.length; i += size) p.push(buf.subarray(i, i + size));
  return out;
}

const everySplit = (text: string) => Array.from({ length: text.length }, (_, i) => parse(text, i + 1));

describe('ResponseParser', () => {
  it('frames a content-length body and counts its bytes, whatever the chunking', () => {
    const text = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Cache: HIT\r\n\r\nhello';
    for (const got of everySplit(text)) {
      expect(got).toEqual([{ status: 200, cache: 'HIT', bytes: 5, keepAlive: true }]);
    }
  });

  it('decodes chunked bodies with extensions and trailers, counting decoded bytes', () => {
    const text =
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nx-trailer: 1\r\n\r\n';
    for (const got of everySplit(text))
      expect(got).toEqual([{ status: 200, cache: undefined, bytes: 13, keepAlive: true }]);
  });

  it('parses back-to-back responses in one chunk', () => {
    const one = 'HTTP/1.1 429 Too Many Requests\r\ncontent-length: 2\r\n\r\nno';
    const two = 'HTTP/1.1 304 Not Modified\r\netag: "x"\r\n\r\n';
    expect(parse(one + two).map((r) => r.status)).toEqual([429, 304]);
  });

  it('knows when a connection will not be reused', () => {
    expect(parse('HTTP/1.1 200 OK\r\nConnection: close\r\ncontent-length: 0\r\n\r\n')[0]?.keepAlive).toBe(false);
    expect(parse('HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n')[0]?.keepAlive).toBe(false);
    expect(parse('HTTP/1.0 200 OK\r\nconnection: keep-alive\r\ncontent-length: 0\r\n\r\n')[0]?.keepAlive).toBe(true);
  });

  it('reads a body without length until the peer closes', () => {
    const out: ParsedResponse[] = [];
    const p = new ResponseParser((r) => out.push(r));
    p.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\nabcdef'));
    expect(out).toEqual([]);
    expect(p.midResponse).toBe(true);
    p.end();
    expect(out).toEqual([{ status: 200, cache: undefined, bytes: 6, keepAlive: false }]);
  });

  it('skips interim 1xx responses', () => {
    expect(parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\ncontent-length: 1\r\n\r\n{')).toEqual([
      { status: 201, cache: undefined, bytes: 1, keepAlive: true },
    ]);
  });

  it('refuses what it cannot frame instead of guessing', () => {
    expect(() => parse('HTTP/2 200\r\n\r\n')).toThrow(/status line/);
    expect(() => parse('HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n')).toThrow(/content-length/);
    expect(() => parse('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n')).toThrow(/chunk size/);
    expect(() => parse(`HTTP/1.1 200 OK\r\nx: ${'a'.repeat(70_000)}`)).toThrow(/too large/);
  });
});
