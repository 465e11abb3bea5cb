import { asProblem, problemSentence } from '@/lib/client/control-client';

/**
 * How every feature shows a failed control call: what was being done, the server's sentence,
 * when to try again, and any field errors the feature does not show beside its own fields.
 */
export function ProblemNotice({
  error,
  action,
  showFields = true,
  testId,
}: {
  error: unknown;
  /** What failed, said as the start of a sentence: "Could not save your answer". */
  action: string;
  showFields?: boolean;
  testId?: string;
}) {
  const p = asProblem(error);
  if (!p) return null;
  return (
    <div className="notice notice--bad" role="alert" data-testid={testId} data-status={p.status}>
      {action}: {problemSentence(p)}
      {showFields && p.fieldErrors.length > 0 && (
        <ul>
          {p.fieldErrors.map((f) => (
            <li key={`${f.field}:${f.detail}`}>
              <code>{f.field}</code>: {f.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
