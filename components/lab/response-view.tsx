'use client';

import type { ApiExchange } from './api-client';
import { previewBody } from './body-preview';
import { CostPills, StatusPill } from './exchange-pills';
import { documentedHeaders } from './header-docs';
import { HeaderName } from './header-name';
import styles from './response-view.module.css';

function Body({ body }: { body: string }) {
  const preview = previewBody(body);
  if (preview.kind === 'whole') {
    return (
      <pre className="code-block" style={{ marginTop: '0.75rem' }} data-testid="api-body" tabIndex={0}>
        {preview.text}
      </pre>
    );
  }
  const n = (v: number) => v.toLocaleString('en');
  return (
    <>
      <div className={styles.outline} data-testid="api-body-outline">
        <p className="muted">
          This body is {n(preview.totalChars)} characters long: below are its first and last lines. Every top-level
          field:
        </p>
        <dl className="kv">
          {preview.outline.map((e) => (
            <div key={e.key} style={{ display: 'contents' }} data-field={e.key}>
              <dt>{e.key}</dt>
              <dd>{e.summary}</dd>
            </div>
          ))}
        </dl>
      </div>
      <pre className="code-block" data-testid="api-body" tabIndex={0} aria-label="Response body, first and last lines">
        {preview.head}
        {'\n'}
        <span className={styles.gap}>… {n(preview.hiddenChars)} characters not shown …</span>
        {'\n'}
        <span data-testid="api-body-end">{preview.tail}</span>
      </pre>
    </>
  );
}

export function ResponseView({ exchange }: { exchange: ApiExchange }) {
  const headers = documentedHeaders(exchange.headers);
  return (
    <section aria-label="Response" data-testid="api-response" className={styles.response}>
      <p style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', margin: '0 0 0.75rem' }}>
        <StatusPill status={exchange.status} testId="api-status" />
        <CostPills exchange={exchange} dbTestId="api-db-time" />
      </p>
      {headers.length > 0 && (
        <p className={`muted ${styles.hint}`}>Hover or focus a header&apos;s name to read what it says.</p>
      )}
      <dl className="kv" aria-label="Response headers">
        {headers.map(([doc, value]) => (
          <div key={doc.name} style={{ display: 'contents' }}>
            <dt>
              <HeaderName doc={doc} />
            </dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Body body={exchange.body} />
    </section>
  );
}
