import type { Metadata } from 'next';
import { PROBLEMS, type ProblemType } from '@/lib/api/problem';
import { PROBLEM_DOCS } from '@/lib/api/problem-docs';

export const metadata: Metadata = { title: 'API errors' };

/** Problem `type` URIs resolve here (RFC 9457 suggests a type URI leads to documentation). */
export default function ProblemsPage() {
  const types = Object.keys(PROBLEMS) as ProblemType[];
  return (
    <div className="page" style={{ maxWidth: '48rem' }}>
      <h1>API errors</h1>
      <p className="muted">
        Every error from the Shop API and the control API is an RFC 9457 problem details object with
        <code> Content-Type: application/problem+json</code>. Its <code>type</code> links to an entry below.
      </p>
      <dl>
        {types.map((t) => (
          <div key={t} id={t} style={{ margin: '1.25rem 0' }}>
            <dt>
              <code>/problems/{t}</code> · <span className="num">{PROBLEMS[t].status}</span> {PROBLEMS[t].title}
            </dt>
            <dd style={{ margin: '0.25rem 0 0' }} className="muted">
              {PROBLEM_DOCS[t]}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
