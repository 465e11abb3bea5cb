'use client';

import type { ApiExchange } from './api-client';

// The headers a learner should learn to read, with what each one tells them.
const INTERESTING: Record<string, string> = {
  'server-timing': 'where the server spent its time',
  'x-cache': 'whether a cache answered',
  'content-type': 'what the body is',
  location: 'where a created resource lives',
  link: 'the next page of a list; on a deprecated version, its successor',
  deprecation: 'this version is deprecated, since this date (RFC 9745: @ seconds since 1970)',
  sunset: 'after this date this version may stop answering (RFC 8594)',
  'api-version': 'the API version that answered',
  allow: 'methods this resource accepts',
  'retry-after': 'when to try again',
  ratelimit: 'how much of your quota is left, and when it refills',
  'ratelimit-policy': 'the limit this client is under',
  etag: 'a fingerprint of this representation, for If-None-Match',
  'cache-control': 'who may keep this response, and for how long',
  'x-result-cap': 'the most rows an unbounded list returns',
};

function statusTone(status: number): string {
  if (status < 300) return 'pill pill--ok';
  if (status < 500) return 'pill pill--warn';
  return 'pill pill--bad';
}

function prettyBody(body: string): string {
  try {
    const text = JSON.stringify(JSON.parse(body), null, 2);
    return text.length > 20_000 ? `${text.slice(0, 20_000)}\n… (truncated)` : text;
  } catch {
    return body;
  }
}

export function ResponseView({ exchange }: { exchange: ApiExchange }) {
  const db = exchange.timing.find((t) => t.name === 'db');
  const total = exchange.timing.find((t) => t.name === 'total');
  const headers = Object.entries(exchange.headers).filter(([k]) => k in INTERESTING);
  return (
    <section aria-label="Response" data-testid="api-response">
      <p style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', margin: '0 0 0.75rem' }}>
        <span className={statusTone(exchange.status)} data-testid="api-status">{exchange.status}</span>
        {db?.dur !== undefined && <span className="pill num" data-testid="api-db-time">db {db.dur.toFixed(2)} ms · {db.desc}</span>}
        {total?.dur !== undefined && <span className="pill num">server {total.dur.toFixed(2)} ms</span>}
        <span className="pill num">round trip {exchange.clientMs.toFixed(1)} ms</span>
        <span className="pill num">{exchange.bytes.toLocaleString('en')} bytes</span>
      </p>
      <dl className="kv" aria-label="Response headers">
        {headers.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt title={INTERESTING[k]}>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <pre className="code-block" style={{ marginTop: '0.75rem' }} data-testid="api-body" tabIndex={0}>{prettyBody(exchange.body)}</pre>
    </section>
  );
}
