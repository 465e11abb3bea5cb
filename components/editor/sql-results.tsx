'use client';

import type { SqlConsoleResult } from '@/lib/sql-console/schema';
import { SQL_LIMITS } from '@/lib/sql-console/schema';

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function Cell({ value }: { value: unknown }) {
  if (value === null) return <td className="sql-null">NULL</td>;
  if (typeof value === 'number') return <td className="num sql-num">{value}</td>;
  return <td>{String(value)}</td>;
}

function tone(detail: string): string {
  if (/^SCAN /.test(detail) || detail.includes('TEMP B-TREE')) return 'plan__row--scan';
  if (/^SEARCH .* USING (COVERING )?INDEX|INTEGER PRIMARY KEY/.test(detail)) return 'plan__row--search';
  return '';
}

/** EXPLAIN QUERY PLAN rows (id, parent, notused, detail) drawn as the tree they are. */
function PlanTree({ result }: { result: SqlConsoleResult }) {
  const idx = (name: string) => result.columns.indexOf(name);
  const [id, parent, detail] = [idx('id'), idx('parent'), idx('detail')];
  if (id < 0 || parent < 0 || detail < 0) return null;
  const depth = new Map<number, number>([[0, -1]]);
  return (
    <ol className="plan sql-plan" data-testid="sql-plan" aria-label="Query plan">
      {result.rows.map((row) => {
        const d = (depth.get(Number(row[parent])) ?? -1) + 1;
        depth.set(Number(row[id]), d);
        const text = String(row[detail]);
        return (
          <li key={String(row[id])} className={tone(text)} style={{ paddingLeft: `${d}rem` }}>
            → {text}
          </li>
        );
      })}
    </ol>
  );
}

function RowsTable({ result, numeric }: { result: SqlConsoleResult; numeric: boolean[] }) {
  return (
    <div className="sql-table-wrap" tabIndex={0} role="region" aria-label="Rows">
      <table className="run-table sql-table">
        <thead>
          <tr>
            {result.columns.map((c, i) => (
              <th key={i} scope="col" className={numeric[i] ? 'sql-num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, i) => (
                <Cell key={i} value={v} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SqlResults({
  result,
  onPage,
  busy,
}: {
  result: SqlConsoleResult;
  onPage: (page: number) => void;
  busy: boolean;
}) {
  if (result.kind === 'index') {
    const ix = result.index;
    const what =
      !ix || ix.action === 'unchanged'
        ? 'Nothing changed: the index was already in that state.'
        : `${ix.action === 'created' ? 'Created' : 'Dropped'} ${ix.name} on ${ix.table} in ${formatMs(result.ms)}.`;
    return (
      <p className="notice sql-index-note" role="status" data-testid="sql-result">
        {what} {ix && ix.action !== 'unchanged' && 'The knobs and query plans now reflect it.'}
      </p>
    );
  }
  const pages = Math.max(1, Math.ceil(result.rowCount / result.pageSize));
  // Numbers line up on the right, headers included.
  const numeric = result.columns.map(
    (_, i) =>
      result.rows.some((r) => typeof r[i] === 'number') &&
      result.rows.every((r) => r[i] === null || typeof r[i] === 'number'),
  );
  // EXPLAIN QUERY PLAN rows draw as a tree; plain EXPLAIN (bytecode) stays a table.
  const isPlan = result.kind === 'explain' && ['id', 'parent', 'detail'].every((c) => result.columns.includes(c));
  const first = result.rowCount === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  const last = Math.min(result.rowCount, result.page * result.pageSize);
  return (
    <section className="sql-results" aria-label="Result" data-testid="sql-result">
      <p className="sql-summary">
        <span className="pill num" data-testid="sql-timing">
          {formatMs(result.ms)}
        </span>
        <span className="pill num" data-testid="sql-rowcount">
          {result.rowCount.toLocaleString('en')}
          {result.truncated ? '+' : ''} {result.rowCount === 1 ? 'row' : 'rows'}
        </span>
        {result.kind === 'explain' && <span className="pill">query plan</span>}
      </p>
      {result.truncated && (
        <p className="sql-note" role="note">
          Stopped at {result.rowCount.toLocaleString('en')} rows: the console returns at most{' '}
          {SQL_LIMITS.maxRows.toLocaleString('en')} rows or {SQL_LIMITS.maxBytes / 1_000_000} MB. Your API should page
          too; add a LIMIT or a WHERE.
        </p>
      )}
      {isPlan && <PlanTree result={result} />}
      {!isPlan && result.columns.length > 0 && <RowsTable result={result} numeric={numeric} />}
      {isPlan && (
        <details className="run-details">
          <summary>
            The rows SQLite returned <span className="muted">(id, parent, detail)</span>
          </summary>
          <RowsTable result={result} numeric={numeric} />
        </details>
      )}
      {pages > 1 && (
        <nav className="sql-pager" aria-label="Result pages">
          <button
            type="button"
            className="btn"
            disabled={busy || result.page <= 1}
            onClick={() => onPage(result.page - 1)}
          >
            ← Previous
          </button>
          <span className="muted num" data-testid="sql-page">
            Rows {first.toLocaleString('en')}–{last.toLocaleString('en')} of {result.rowCount.toLocaleString('en')}
            {result.truncated ? '+' : ''}
          </span>
          <button
            type="button"
            className="btn"
            disabled={busy || result.page >= pages}
            onClick={() => onPage(result.page + 1)}
          >
            Next →
          </button>
        </nav>
      )}
    </section>
  );
}
