'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import type { KnobGroup } from '@/lib/knobs/registry';
import { checkSql } from '@/lib/sql-console/guard';
import { SQL_LIMITS, type SqlConsoleResult } from '@/lib/sql-console/schema';
import { CodeEditor, type EditorMarker } from './code-editor';
import { asProblem } from '@/lib/client/control-client';
import { runSql, sqlProblemOf } from './editor-api';
import { sqlExamples } from './examples';
import { SqlResults } from './sql-results';

const ERROR_TITLES: Record<string, string> = {
  refused: 'Refused',
  sqlite: 'SQLite says',
  timeout: 'Stopped',
  busy: 'Busy',
  missing: 'Not ready',
};

/** Offset in the text to a 1-based editor position, and the word that starts there. */
function markerAt(text: string, offset: number, message: string): EditorMarker {
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const startColumn = (before[before.length - 1] ?? '').length + 1;
  const word = /^\S+/.exec(text.slice(offset))?.[0] ?? ' ';
  return { line, startColumn, endColumn: startColumn + word.length, message, severity: 'warning' };
}

/**
 * SQL on the learner's own sandbox: SELECT, EXPLAIN QUERY PLAN, CREATE/DROP INDEX. The guard
 * that the server applies also runs here as you type, so a statement that would be refused
 * is underlined before it is sent.
 */
export function SqlConsole({ knobs }: { knobs?: KnobGroup[] }) {
  const examples = useMemo(() => sqlExamples(knobs), [knobs]);
  const [sql, setSql] = useState(() => examples[0]?.sql ?? 'SELECT * FROM orders LIMIT 10;');
  const [lastSql, setLastSql] = useState('');
  // Kept while the next page loads, so the table does not blink away.
  const [result, setResult] = useState<SqlConsoleResult | null>(null);
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (v: { sql: string; page: number }) => runSql(v.sql, v.page),
    onError: () => setResult(null),
    onSuccess: (data) => {
      setResult(data);
      if (data.kind !== 'index' || data.index?.action === 'unchanged') return;
      // The knob panel reads index presence from sqlite_master, and plans depend on indexes.
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
      void queryClient.invalidateQueries({ queryKey: ['explain'] });
    },
  });

  const deferred = useDeferredValue(sql);
  const preview = useMemo(() => {
    const verdict = checkSql(deferred);
    return verdict.ok || verdict.code === 'empty' ? null : verdict;
  }, [deferred]);
  const markers = useMemo<EditorMarker[]>(
    () => (preview ? [markerAt(deferred, preview.at ?? 0, `The console will refuse this: ${preview.reason}`)] : []),
    [preview, deferred],
  );

  const submit = (page = 1, text = sql) => {
    if (run.isPending) return;
    setLastSql(text);
    run.mutate({ sql: text, page });
  };
  const problem = sqlProblemOf(run.error);
  const retryAfter = asProblem(run.error)?.retryAfter ?? null;
  const timeoutS = (problem?.limitMs ?? SQL_LIMITS.timeoutMs) / 1000;

  return (
    <section className="editor-tool" aria-labelledby="sql-title">
      <div className="editor-tool__head">
        <h3 className="panel__section-title" id="sql-title">
          SQL console
        </h3>
        <span className="editor-tool__hint">
          On your own sandbox: reads, plans and indexes · stopped after {SQL_LIMITS.timeoutMs / 1000} s
        </span>
      </div>
      <div className="chips" role="group" aria-label="Example statements">
        {examples.map((e) => (
          <button key={e.label} type="button" className="chip" onClick={() => setSql(e.sql)}>
            {e.label}
          </button>
        ))}
      </div>
      <CodeEditor
        language="sql"
        path="inmemory://scale-lab/console.sql"
        value={sql}
        onChange={setSql}
        onRun={() => submit()}
        markers={markers}
        height={168}
        ariaLabel="SQL statement. Ctrl+Enter runs it. Ctrl+M, then Tab, leaves the editor."
        testId="sql-editor"
      />
      <div className="editor-tool__actions">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => submit()}
          disabled={run.isPending}
          data-testid="sql-run"
        >
          {run.isPending ? 'Running…' : 'Run'}
        </button>
        <span className="editor-tool__hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs · <kbd>Ctrl</kbd>+<kbd>M</kbd> lets Tab leave the editor
        </span>
      </div>
      {preview && !run.isPending && !(run.isError && lastSql === sql) && (
        <p className="sql-note sql-note--warn" data-testid="sql-preview">
          Will be refused: {preview.reason}
        </p>
      )}
      {run.isError && (
        <div
          className={`notice ${problem?.sqlError === 'timeout' ? 'notice--warn' : 'notice--bad'}`}
          role="alert"
          data-testid="sql-error"
        >
          <strong>
            {problem?.sqlError === 'timeout'
              ? `Stopped after ${timeoutS} s`
              : (ERROR_TITLES[problem?.sqlError ?? ''] ?? 'Failed')}
            :
          </strong>{' '}
          {problem?.sqlError === 'timeout'
            ? 'the query ran past the time limit, so its process was killed. Nobody else waited for it. Add a LIMIT, or a WHERE an index can serve.'
            : run.error.message}
          {retryAfter ? ` Try again in ${retryAfter} s.` : ''}
        </div>
      )}
      {result && !run.isError && (
        <SqlResults result={result} busy={run.isPending} onPage={(page) => submit(page, lastSql)} />
      )}
    </section>
  );
}
