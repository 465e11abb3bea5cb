import type { Difference } from '@/components/lab/run/knob-diff';

/** Settings an experiment changes, one row each: what, its value without the experiment, its value with it. */
export function DifferenceTable({
  caption,
  columns,
  rows,
  testId,
}: {
  caption: string;
  columns: readonly [what: string, before: string, after: string];
  rows: readonly Difference[];
  testId?: string;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.what}>
              <th scope="row">{d.what}</th>
              <td className="muted">{d.before}</td>
              <td>
                <strong>{d.after}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
