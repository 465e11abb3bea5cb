import type React from 'react';
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
  className,
  children,
}: {
  error: unknown;
  /** What failed, said as the start of a sentence: "Could not save your answer". */
  action: string;
  showFields?: boolean;
  testId?: string;
  className?: string;
  /** After the sentence: a way out, such as a Try again button. */
  children?: React.ReactNode;
}) {
  const p = asProblem(error);
  if (!p) return null;
  return (
    <div
      className={`notice notice--bad${className ? ` ${className}` : ''}`}
      role="alert"
      data-testid={testId}
      data-status={p.status}
    >
      {action}: {problemSentence(p)}
      {children}
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
