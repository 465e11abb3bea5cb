/**
 * A small .http format for the request scratchpad (the shape VS Code's REST Client and
 * JetBrains' HTTP client use):
 *
 *   ### Create a product            <- starts a request; the rest of the line names it
 *   POST /products                  <- method and path under /api/v1 (HTTP/1.1 is optional;
 *                                      /api/v2/... and /api/shop/... name the other mounts)
 *   If-None-Match: "abc"            <- headers until the first blank line
 *
 *   { "sku": "KET-1", ... }         <- JSON body until the next ###
 *
 * Lines starting with # or // before the request line are comments. Parsing never throws:
 * every problem becomes a diagnostic with a line and columns, so the editor can underline it.
 */
import { API_BASES, VERSION_BASES, type ApiBase } from '../api/versions';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Diagnostic = {
  /** 1-based, like the editor's lines and columns; endColumn is exclusive. */
  line: number;
  startColumn: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning';
};

export type ParsedRequest = {
  name: string | null;
  method: HttpMethod;
  /** Path under the base, starting with "/", query string included. */
  path: string;
  /** The API mount: /api/v1 unless the line names /api/v2 or /api/shop. */
  base?: ApiBase;
  headers: [string, string][];
  body: string | null;
  /** Where its block starts (the ### line, or 1): "send the request at the cursor" uses it. */
  blockLine: number;
  /** The request line and the last line of the request (1-based, inclusive). */
  startLine: number;
  endLine: number;
  /** False when a diagnostic of severity error falls inside it. */
  valid: boolean;
};

export type ParsedHttpFile = { requests: ParsedRequest[]; diagnostics: Diagnostic[] };

/** Headers the browser sets itself (fetch drops them) or that would swap the learner's identity. */
const IGNORED_HEADERS: Record<string, string> = {
  cookie: 'Your identity comes from your browser cookie; this header is not sent.',
  authorization: 'Your identity comes from your browser cookie; this header is not sent.',
  host: 'The browser sets Host itself; this header is not sent.',
  'content-length': 'The browser computes Content-Length itself; this header is not sent.',
  connection: 'The browser manages connections itself; this header is not sent.',
  'transfer-encoding': 'The browser chooses the transfer encoding; this header is not sent.',
};

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const isSeparator = (line: string) => line.startsWith('###');
const isComment = (line: string) => /^\s*(#|\/\/)/.test(line) && !isSeparator(line);

function jsonErrorAt(body: string, err: unknown): { offset: number | null; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(message);
  return {
    offset: pos ? Number(pos[1]) : null,
    message: `Invalid JSON body: ${message.replace(/^JSON\.parse: /, '')}`,
  };
}

export function parseHttpFile(text: string): ParsedHttpFile {
  const lines = text.split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  const requests: ParsedRequest[] = [];
  const diag = (
    line: number,
    startColumn: number,
    endColumn: number,
    message: string,
    severity: Diagnostic['severity'] = 'error',
  ) => diagnostics.push({ line, startColumn, endColumn: Math.max(endColumn, startColumn + 1), message, severity });

  // Blocks: from a ### line (or the top of the file) to the line before the next ###.
  const blocks: { name: string | null; start: number; end: number }[] = [];
  let current: { name: string | null; start: number } = { name: null, start: 0 };
  lines.forEach((line, i) => {
    if (!isSeparator(line)) return;
    blocks.push({ ...current, end: i - 1 });
    current = { name: line.replace(/^#+/, '').trim() || null, start: i + 1 };
  });
  blocks.push({ ...current, end: lines.length - 1 });

  for (const block of blocks) {
    let i = block.start;
    while (i <= block.end && ((lines[i] ?? '').trim() === '' || isComment(lines[i] ?? ''))) i++;
    if (i > block.end) continue; // an empty block (e.g. text before the first ###) is fine
    const lineNo = i + 1;
    const requestLine = lines[i] ?? '';
    const errorsBefore = diagnostics.filter((d) => d.severity === 'error').length;
    const m = /^(\s*)(\S+)(?:\s+(\S+))?(?:\s+(\S+))?\s*$/.exec(requestLine);
    let method: HttpMethod = 'GET';
    let path = '/';
    let base: ApiBase = VERSION_BASES[1];
    if (!m) {
      diag(lineNo, 1, requestLine.length + 1, 'Expected a request line: METHOD /path, for example GET /products/1.');
    } else {
      const indent = (m[1] ?? '').length;
      let word = m[2] ?? '';
      let target = m[3];
      let version = m[4];
      // "/products/1" alone means GET.
      if (word.startsWith('/') && target === undefined) {
        target = word;
        word = 'GET';
      } else if (word.startsWith('/')) {
        version = target;
        target = word;
        word = 'GET';
      }
      const upper = word.toUpperCase();
      const methodCol = indent + 1;
      if ((HTTP_METHODS as readonly string[]).includes(upper)) method = upper as HttpMethod;
      else
        diag(
          lineNo,
          methodCol,
          methodCol + word.length,
          `Unknown method "${word}". Use one of ${HTTP_METHODS.join(', ')}.`,
        );
      const targetCol = requestLine.indexOf(target ?? '', methodCol - 1 + word.length) + 1;
      if (target === undefined) {
        diag(lineNo, methodCol, methodCol + word.length, `${upper} needs a path, for example ${upper} /products/1.`);
      } else if (/^[a-z]+:\/\//i.test(target)) {
        diag(
          lineNo,
          targetCol,
          targetCol + target.length,
          'The scratchpad talks to your own API only: write a path such as /products/1.',
        );
      } else if (!target.startsWith('/')) {
        diag(lineNo, targetCol, targetCol + target.length, 'The path must start with "/", for example /products/1.');
      } else {
        const prefix = API_BASES.find((b) => target === b || target.startsWith(`${b}/`) || target.startsWith(`${b}?`));
        base = prefix ?? VERSION_BASES[1];
        path = prefix ? target.slice(prefix.length) || '/' : target;
        if (!path.startsWith('/')) path = `/${path}`;
      }
      if (version !== undefined && !/^HTTP\/\d(\.\d)?$/i.test(version)) {
        const col = requestLine.lastIndexOf(version) + 1;
        diag(
          lineNo,
          col,
          col + version.length,
          'Expected HTTP/1.1 (or nothing) after the path; a path cannot contain spaces (write %20).',
        );
      }
    }

    // Headers until the first blank line.
    const headers: [string, string][] = [];
    i++;
    for (; i <= block.end; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') break;
      if (isComment(line)) continue;
      const colon = line.indexOf(':');
      const name = colon === -1 ? line.trim() : line.slice(0, colon).trim();
      if (colon === -1 || !HEADER_NAME.test(name)) {
        diag(
          i + 1,
          1,
          line.length + 1,
          colon === -1
            ? 'Expected a header (Name: value) or a blank line before the body.'
            : `"${name}" is not a valid header name.`,
        );
        continue;
      }
      const lower = name.toLowerCase();
      const ignored = IGNORED_HEADERS[lower];
      if (ignored) {
        diag(i + 1, 1, colon + 1, ignored, 'warning');
        continue;
      }
      headers.push([name, line.slice(colon + 1).trim()]);
    }

    // Body: everything after the blank line, to the end of the block, without trailing blank lines.
    let bodyEnd = block.end;
    while (bodyEnd > i && (lines[bodyEnd] ?? '').trim() === '') bodyEnd--;
    const bodyStart = i + 1;
    const bodyLines = bodyStart <= bodyEnd ? lines.slice(bodyStart, bodyEnd + 1) : [];
    const body = bodyLines.length ? bodyLines.join('\n') : null;
    if (body !== null) {
      const contentType = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      if (method === 'GET' || method === 'HEAD') {
        diag(
          bodyStart + 1,
          1,
          (lines[bodyStart] ?? '').length + 1,
          `A ${method} request has no body; remove it or use POST or PATCH.`,
        );
      } else if (!contentType || /json/i.test(contentType)) {
        if (!contentType) headers.push(['Content-Type', 'application/json']);
        try {
          JSON.parse(body);
        } catch (err) {
          const { offset, message } = jsonErrorAt(body, err);
          const at = offset === null ? body.length : Math.min(offset, body.length);
          const before = body.slice(0, at).split('\n');
          const line = bodyStart + before.length;
          const col = (before[before.length - 1] ?? '').length + 1;
          const lineText = lines[line - 1] ?? '';
          diag(line, offset === null ? 1 : col, offset === null ? lineText.length + 1 : col + 1, message);
        }
      }
    }

    const valid = diagnostics.filter((d) => d.severity === 'error').length === errorsBefore;
    requests.push({
      name: block.name,
      blockLine: Math.max(1, block.start),
      method,
      path,
      base,
      headers,
      body: method === 'GET' || method === 'HEAD' ? null : body,
      startLine: lineNo,
      endLine: Math.max(lineNo, bodyEnd + 1),
      valid,
    });
  }
  return { requests, diagnostics };
}

/** The request the cursor is in (or the first one), so Ctrl+Enter sends what you are looking at. */
export function requestAtLine(parsed: ParsedHttpFile, line: number): ParsedRequest | undefined {
  let best = parsed.requests[0];
  for (const r of parsed.requests) if (r.blockLine <= line) best = r;
  return best;
}
