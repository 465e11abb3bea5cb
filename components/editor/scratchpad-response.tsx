'use client';

import type { ApiExchange } from '@/components/lab/api-client';
import { CodeEditor } from './code-editor';
import { CostPills, StatusPill } from '@/components/lab/exchange-pills';
import { documentedHeaders, HEADER_DOCS } from '@/components/lab/header-docs';

const NOTED = new Set(HEADER_DOCS.map((d) => d.name));

function prettyJson(body: string): string | null {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
}

export function ScratchpadResponse({
  exchange,
  onConditional,
}: {
  exchange: ApiExchange;
  onConditional?: (etag: string) => void;
}) {
  const noted = documentedHeaders(exchange.headers);
  const others = Object.entries(exchange.headers)
    .filter(([k]) => !NOTED.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  const json = exchange.body ? prettyJson(exchange.body) : null;
  const lines = json ? json.split('\n').length : 0;
  return (
    <section aria-label="Response" data-testid="scratchpad-response" className="editor-tool__response">
      <p className="sql-summary">
        <StatusPill status={exchange.status} testId="scratchpad-status" />
        <span className="pill">
          {exchange.method} {exchange.path}
        </span>
        <CostPills exchange={exchange} />
      </p>
      {noted.length > 0 && (
        <dl className="header-notes" aria-label="Headers worth reading">
          {noted.map(([doc, value]) => (
            <div key={doc.name} className="header-notes__row" data-header={doc.name}>
              <dt>{doc.name}</dt>
              <dd>
                <code>{value}</code>
                <span className="header-notes__note">
                  {doc.note}{' '}
                  {doc.lessons.map((l, i) => (
                    <span key={l.slug}>
                      {i > 0 && ' · '}
                      <a href={`/lessons/${l.slug}`}>
                        Lesson {l.number}: {l.title}
                      </a>
                    </span>
                  ))}
                </span>
                {doc.name === 'etag' && onConditional && exchange.status === 200 && (
                  <button
                    type="button"
                    className="btn btn--ghost header-notes__action"
                    onClick={() => onConditional(value)}
                  >
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
          <summary>
            Other headers <span className="muted">({others.length})</span>
          </summary>
          <dl className="kv">
            {others.map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {!exchange.body ? (
        <p className="muted sql-note">
          No body{exchange.status === 304 ? ': 304 Not Modified tells the client to reuse the copy it has.' : '.'}
        </p>
      ) : json ? (
        <CodeEditor
          language="json"
          path="inmemory://scale-lab/response.json"
          value={json}
          readOnly
          height={Math.min(320, lines * 20 + 16)}
          ariaLabel="Response body (read only)"
          testId="scratchpad-body"
        />
      ) : (
        <pre className="code-block" data-testid="scratchpad-body" tabIndex={0}>
          {exchange.body.slice(0, 20_000)}
        </pre>
      )}
    </section>
  );
}
