'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { EXPLAIN_ENDPOINTS, type ExplainEndpoint } from '@/lib/knobs/endpoints';
import { fetchExplain } from './boot-client';
import { ProblemNotice } from '@/components/ui/problem-notice';

function tone(detail: string): string {
  if (/^SCAN /.test(detail) || detail.includes('TEMP B-TREE')) return 'plan__row--scan';
  if (/^SEARCH .* USING (COVERING )?INDEX|INTEGER PRIMARY KEY/.test(detail)) return 'plan__row--search';
  return '';
}

/** SQLite's own EXPLAIN QUERY PLAN for each statement an endpoint runs on this sandbox. */
export function ExplainView({ initial = 'user-orders' }: { initial?: ExplainEndpoint }) {
  const [endpoint, setEndpoint] = useState<ExplainEndpoint>(initial);
  // A page can show two plans (the lab's and one inline in the lesson): each labels its own section.
  const titleId = useId();
  const plan = useQuery({ queryKey: ['explain', endpoint], queryFn: () => fetchExplain(endpoint) });
  return (
    <section aria-labelledby={titleId} className="knob-group">
      <h3 className="panel__section-title" id={titleId}>
        Query plan
      </h3>
      <label className="knob-sentence">
        Show the plan for
        <select
          className="input"
          value={endpoint}
          onChange={(e) => setEndpoint(e.target.value as ExplainEndpoint)}
          data-testid="explain-endpoint"
        >
          {(Object.keys(EXPLAIN_ENDPOINTS) as ExplainEndpoint[]).map((k) => (
            <option key={k} value={k}>
              {EXPLAIN_ENDPOINTS[k]}
            </option>
          ))}
        </select>
      </label>
      <ProblemNotice error={plan.error} action="Could not explain the query" />
      {plan.isPending && <div className="skeleton" style={{ height: 80 }} />}
      {plan.data && (
        <ol className="plan" data-testid="explain-plan" aria-live="polite">
          {plan.data.statements.map((s, i) => (
            <li key={i}>
              <div className="plan__sql">{s.sql}</div>
              {s.plan.map((row) => (
                <div key={row.id} className={tone(row.detail)} style={{ paddingLeft: row.parent ? '1rem' : 0 }}>
                  → {row.detail}
                </div>
              ))}
            </li>
          ))}
        </ol>
      )}
      <p className="knob-effect" style={{ margin: 0 }}>
        SCAN reads every row of a table; SEARCH uses an index or the primary key to go straight to the rows it needs.
      </p>
    </section>
  );
}
