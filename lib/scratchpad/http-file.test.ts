import { describe, expect, it } from 'vitest';
import { parseHttpFile, requestAtLine } from './http-file';

describe('parseHttpFile', () => {
  it('reads several requests with names, headers and a JSON body', () => {
    const text = [
      '# my scratchpad',
      '### Product one',
      'GET /products/1',
      'If-None-Match: "abc"',
      '',
      '### Create a product',
      'POST /api/v1/products HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{ "sku": "KET-1",',
      '  "name": "Kettle" }',
      '',
      '',
    ].join('\n');
    const parsed = parseHttpFile(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.requests).toHaveLength(2);
    expect(parsed.requests[0]).toMatchObject({
      name: 'Product one',
      method: 'GET',
      path: '/products/1',
      headers: [['If-None-Match', '"abc"']],
      body: null,
      valid: true,
      blockLine: 2,
      startLine: 3,
    });
    expect(parsed.requests[1]).toMatchObject({
      name: 'Create a product',
      method: 'POST',
      path: '/products',
      body: '{ "sku": "KET-1",\n  "name": "Kettle" }',
      startLine: 7,
      endLine: 11,
    });
  });

  it('a bare path is a GET, methods are case-insensitive, and /api/v1 is optional', () => {
    expect(parseHttpFile('/users/1/orders?limit=5').requests[0]).toMatchObject({
      method: 'GET',
      path: '/users/1/orders?limit=5',
    });
    expect(parseHttpFile('delete /products/3').requests[0]).toMatchObject({ method: 'DELETE', path: '/products/3' });
    expect(parseHttpFile('GET /api/v1').requests[0]).toMatchObject({ path: '/', base: '/api/v1' });
    expect(parseHttpFile('GET /products/1').requests[0]).toMatchObject({ path: '/products/1', base: '/api/v1' });
  });

  it('/api/v2 and /api/shop name the other mounts; anything else stays a path under /api/v1', () => {
    expect(parseHttpFile('GET /api/v2/products?limit=2').requests[0]).toMatchObject({
      path: '/products?limit=2',
      base: '/api/v2',
    });
    expect(parseHttpFile('GET /api/shop/products/1\nAPI-Version: 2').requests[0]).toMatchObject({
      path: '/products/1',
      base: '/api/shop',
      headers: [['API-Version', '2']],
    });
    expect(parseHttpFile('GET /api/v2x').requests[0]).toMatchObject({ path: '/api/v2x', base: '/api/v1' });
  });

  it('adds Content-Type: application/json to a body without one', () => {
    const r = parseHttpFile('PATCH /products/1\n\n{"stock": 3}').requests[0];
    expect(r?.headers).toEqual([['Content-Type', 'application/json']]);
  });

  it('marks mistakes where they are instead of throwing', () => {
    const cases: [string, { line: number; startColumn: number; message: RegExp; severity?: string }][] = [
      ['FETCH /products', { line: 1, startColumn: 1, message: /Unknown method "FETCH"/ }],
      ['GET products/1', { line: 1, startColumn: 5, message: /must start with "\/"/ }],
      ['GET https://example.com/x', { line: 1, startColumn: 5, message: /your own API only/ }],
      ['GET /products/1 HTTP/9 extra', { line: 1, startColumn: 1, message: /Expected a request line/ }],
      ['GET /a b', { line: 1, startColumn: 8, message: /cannot contain spaces/ }],
      ['GET /products/1\nnot a header', { line: 2, startColumn: 1, message: /Expected a header/ }],
      ['GET /products/1\nBad Name: x', { line: 2, startColumn: 1, message: /not a valid header name/ }],
      ['GET /products/1\nCookie: a=b', { line: 2, startColumn: 1, message: /browser cookie/, severity: 'warning' }],
      ['GET /products/1\n\n{"a": 1}', { line: 3, startColumn: 1, message: /GET request has no body/ }],
      ['POST /products\n\n{\n  "sku": "x",\n}', { line: 5, startColumn: 1, message: /Invalid JSON body/ }],
      ['POST /products\n\n{"sku" "x"}', { line: 3, startColumn: 8, message: /Invalid JSON body/ }],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseHttpFile(text);
      expect(parsed.diagnostics[0], text).toMatchObject({ ...expected, severity: expected.severity ?? 'error' });
      const d = parsed.diagnostics[0]!;
      expect(d.endColumn).toBeGreaterThan(d.startColumn);
      if ((expected.severity ?? 'error') === 'error') expect(parsed.requests[0]?.valid, text).toBe(false);
    }
  });

  it('leaves a non-JSON body alone when the Content-Type says so', () => {
    const parsed = parseHttpFile('POST /products\nContent-Type: text/plain\n\nnot json');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.requests[0]?.body).toBe('not json');
  });

  it('survives anything: empty text, only comments, only separators', () => {
    for (const text of ['', '\n\n', '# a comment', '###', '### a\n### b', '\u0000', '{"a":']) {
      expect(() => parseHttpFile(text)).not.toThrow();
    }
    expect(parseHttpFile('### a\n### b').requests).toEqual([]);
  });
});

describe('requestAtLine', () => {
  const parsed = parseHttpFile('### one\nGET /a\n\n### two\nGET /b\n');
  it('picks the request whose block holds the cursor, separator line included', () => {
    expect(requestAtLine(parsed, 1)?.path).toBe('/a');
    expect(requestAtLine(parsed, 3)?.path).toBe('/a');
    expect(requestAtLine(parsed, 4)?.path).toBe('/b');
    expect(requestAtLine(parsed, 99)?.path).toBe('/b');
  });
});
