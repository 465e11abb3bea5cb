'use client';

import { useId, useState, type KeyboardEvent } from 'react';
import type { HeaderDoc } from './header-docs';
import styles from './response-view.module.css';

/**
 * A response header's name that explains itself: hover it, or focus it with the keyboard,
 * and a note opens with what the header says and a link to the lesson that teaches it. The
 * note stays open while the pointer or focus is inside it (so the link can be reached),
 * Escape closes it, and a click pins it open on touch screens, where there is no hover.
 */
export function HeaderName({ doc }: { doc: HeaderDoc }) {
  const [hover, setHover] = useState(false);
  const [focus, setFocus] = useState(false);
  const [pinned, setPinned] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const id = useId();
  const open = (hover || focus || pinned) && !dismissed;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setDismissed(true);
      setPinned(false);
    }
  };
  const reopen = () => setDismissed(false);

  return (
    <span
      className={styles.tip}
      data-header-tip={doc.name}
      onMouseEnter={() => (reopen(), setHover(true))}
      onMouseLeave={() => setHover(false)}
      onFocus={() => (reopen(), setFocus(true))}
      onBlur={(e) => {
        // Focus moving on (Tab, or a tap elsewhere) closes a note that a click pinned open, too.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) {
          setFocus(false);
          setPinned(false);
        }
      }}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        className={styles.name}
        aria-expanded={open}
        aria-controls={id}
        aria-describedby={`${id}-note`}
        onClick={() => (reopen(), setPinned((p) => !p))}
      >
        {doc.name}
      </button>
      <span id={id} className={styles.pop} role="note" hidden={!open}>
        <span id={`${id}-note`}>{doc.note}</span>
        <span className={styles.lessons}>
          Taught in{' '}
          {doc.lessons.map((l, i) => (
            <span key={l.slug}>
              {i > 0 && ' and '}
              <a href={`/lessons/${l.slug}`}>
                lesson {l.number}, {l.title}
              </a>
            </span>
          ))}
        </span>
      </span>
    </span>
  );
}
