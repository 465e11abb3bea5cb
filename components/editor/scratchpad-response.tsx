'use client';

import type { ApiExchange } from '@/components/lab/api-client';
import { CodeEditor } from './code-editor';

/** The headers this course teaches, in the order a learner should read them, with what each says. */
export const HEADER_NOTES: [name: string, note: string][] = [
  ['server-timing', 'Where the server spent its time: db is SQLite, total is the whole pipeline.'],
  ['x-cache', 'HIT: the app cache answered without the database. MISS: it had to ask. BYPASS: the cache is off.'],
  ['ratelimit', 'Requests left in this window, and seconds until it resets.'],
  ['ratelimit-policy', 'The limit in force: how many requests per how many seconds.'],
  ['retry-after', 'Seconds to wait before trying again.'],
  ['link', 'Where the next page is: follow it rather than building the URL yourself. On a deprecated version, also its successor.'],
  ['deprecation', 'This API version is deprecated, since the date after the @ (seconds since 1970, RFC 9745).'],
  ['sunset', 'After this date the version may stop answering (RFC 8594): move before then.'],
  ['api-version', 'The API version that answered this request.'],
  ['vary', 'The request headers this response depends on: a cache keeps one copy per value.'],
  ['etag', 'A fingerprint of this body: send it back in If-None-Match and get a 304 if nothing changed.'],
  ['cache-control', 'Who may keep a copy of this response, and for how long.'],
  ['location', 'Where the resource you just created lives.'],
];
const NOTED = new Set(HEADER_NOTES.map(([k]) => k));

function statusTone(status: number): string {
  if (status < 300) return 'pill pill--ok';
  if (status < 400) return 'pill';
  if (status < 500) return 'pill pill--warn';
  return 'pill pill--bad';
}

function prettyJson(body: string): string | null {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
}

export function ScratchpadResponse({ exchange, onConditional }: { exchange: ApiExchange; onConditional?: (etag: string) => void }) {
  const db = exchange.timing.find((t) => t.name === 'db');
  const total = exchange.timing.find((t) => t.name === 'total');
  const noted = HEADER_NOTES.filter(([k]) => exchange.headers[k] !== undefined);
  const others = Object.entries(exchange.headers).filter(([k]) => !NOTED.has(k)).sort(([a], [b]) => a.localeCompare(b));
  const json = exchange.body ? prettyJson(exchange.body) : null;
  const lines = json ? json.split('\n').length : 0;
  return (
    <section aria-label="Response" data-testid="scratchpad-response" className="editor-tool__response">
      <p className="sql-summary">
        <span className={statusTone(exchange.status)} data-testid="scratchpad-status">{exchange.status}</span>
        <span className="pill">{exchange.method} {exchange.path}</span>
        {db?.dur !== undefined && <span className="pill num">db {db.dur.toFixed(2)} ms{db.desc ? ` · ${db.desc}` : ''}</span>}
        {total?.dur !== undefined && <span className="pill num">server {total.dur.toFixed(2)} ms</span>}
        <span className="pill num">round trip {exchange.clientMs.toFixed(1)} ms</span>
        <span className="pill num">{exchange.bytes.toLocaleString('en')} bytes</span>
      </p>
      {noted.length > 0 && (
        <dl className="header-notes" aria-label="Headers worth reading">
          {noted.map(([k, note]) => (
            <div key={k} className="header-notes__row" data-header={k}>
              <dt>{k}</dt>
              <dd>
                <code>{exchange.headers[k]}</code>
                <span className="header-notes__note">{note}</span>
                {k === 'etag' && onConditional && exchange.status === 200 && (
                  <button type="button" className="btn btn--ghost header-notes__action" onClick={() => onConditional(exchange.headers[k] ?? '')}>
                    Send again with If-None-Match
                  </button>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {others.length > 0 && (
        <details className="run-details">
          <summary>Other headers <span className="muted">({others.length})</span></summary>
          <dl className="kv">
            {others.map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}><dt>{k}</dt><dd>{v}</dd></div>
            ))}
          </dl>
        </details>
      )}
      {!exchange.body ? (
        <p className="muted sql-note">No body{exchange.status === 304 ? ': 304 Not Modified tells the client to reuse the copy it has.' : '.'}</p>
      ) : json ? (
        <CodeEditor language="json" path="inmemory://scale-lab/response.json" value={json} readOnly height={Math.min(320, lines * 20 + 16)} ariaLabel="Response body (read only)" testId="scratchpad-body" />
      ) : (
        <pre className="code-block" data-testid="scratchpad-body" tabIndex={0}>{exchange.body.slice(0, 20_000)}</pre>
      )}
    </section>
  );
}
