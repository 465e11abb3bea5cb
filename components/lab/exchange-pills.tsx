import type { ApiExchange } from './api-client';

/** A status as a pill: green 2xx, plain 3xx (a 304 is the cache working), amber 4xx, red 5xx. */
export function StatusPill({ status, testId }: { status: number; testId?: string }) {
  const tone = status < 300 ? 'pill--ok' : status < 400 ? '' : status < 500 ? 'pill--warn' : 'pill--bad';
  return (
    <span className={`pill ${tone}`.trim()} data-testid={testId}>
      {status}
    </span>
  );
}

/**
 * What one exchange cost, as both request tools show it: database and server time from the
 * response's Server-Timing, the round trip measured in the browser, and the size of the body.
 */
export function CostPills({ exchange, dbTestId }: { exchange: ApiExchange; dbTestId?: string }) {
  const db = exchange.timing.find((t) => t.name === 'db');
  const total = exchange.timing.find((t) => t.name === 'total');
  return (
    <>
      {db?.dur !== undefined && (
        <span className="pill num" data-testid={dbTestId}>
          db {db.dur.toFixed(2)} ms{db.desc ? ` · ${db.desc}` : ''}
        </span>
      )}
      {total?.dur !== undefined && <span className="pill num">server {total.dur.toFixed(2)} ms</span>}
      <span className="pill num">round trip {exchange.clientMs.toFixed(1)} ms</span>
      <span className="pill num">{exchange.bytes.toLocaleString('en')} bytes</span>
    </>
  );
}
