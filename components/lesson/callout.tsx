import type { ReactNode } from 'react';

const LABEL = { note: 'Note', tip: 'Tip', warning: 'Watch out', production: 'In production' } as const;

/** A short aside. `production` says where this machine's numbers would differ from a real deployment. */
export function Callout({
  type = 'note',
  title,
  children,
}: {
  type?: keyof typeof LABEL;
  title?: string;
  children: ReactNode;
}) {
  return (
    <aside className={`callout callout--${type}`} role="note">
      <p className="callout__title">{title ?? LABEL[type]}</p>
      <div className="callout__body">{children}</div>
    </aside>
  );
}

export function Hint({ children, title = 'Hint' }: { children: ReactNode; title?: string }) {
  return (
    <details className="hint">
      <summary>{title}</summary>
      <div>{children}</div>
    </details>
  );
}
