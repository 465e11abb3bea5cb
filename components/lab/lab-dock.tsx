'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { openAllIslands } from '@/components/ui/hydrate-near';

/** Fired by anything in the prose (the `<Lab/>` widget) that wants the lab in front of the reader. */
export const OPEN_LAB_EVENT = 'scale-lab:open-lab';

export function openLab(): void {
  window.dispatchEvent(new CustomEvent(OPEN_LAB_EVENT));
}

// Must match the drawer breakpoint in app/responsive.css.
const NARROW = '(max-width: 960px)';

function subscribeNarrow(onChange: () => void): () => void {
  const mq = window.matchMedia(NARROW);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}
const isWide = () => !window.matchMedia(NARROW).matches;
// The server cannot know the width: it renders the placeholder, as a narrow screen would.
const wideOnServer = () => false;

/**
 * The lesson's lab. Wide screens: a sticky column beside the prose. 960 px and narrower: a
 * full-width drawer over the page, opened by a persistent "Open lab" button; closing it puts
 * the reader back where they were (scroll position and focus). The lab stays mounted while
 * closed, so a live run keeps streaming.
 *
 * The lab's code is not loaded while nobody can see it: on a narrow screen it loads when the
 * drawer first opens (a phone reading the lesson boots only the prose and its widgets), on a
 * wide one at once, beside the text. Once loaded it stays, whatever the width does next.
 */
export function LabDock({ children, placeholder }: { children: ReactNode; placeholder: ReactNode }) {
  const [open, setOpen] = useState(false);
  const wide = useSyncExternalStore(subscribeNarrow, isWide, wideOnServer);
  const [loaded, setLoaded] = useState(false);
  // Derived state, set while rendering (React's pattern for it): seen once, mounted for good.
  if (!loaded && (wide || open)) setLoaded(true);
  // Where the reader was: the element at the top of their view and its offset, so that text
  // loading above it meanwhile (a check, a plan) does not move them; scrollY as a fallback.
  const back = useRef<{ y: number; anchor: Element | null; top: number; focus: Element | null } | null>(null);
  const drawer = useRef<HTMLElement>(null);

  const show = useCallback(() => {
    if (!window.matchMedia(NARROW).matches) {
      // Wide: the lab is already on screen beside the text; bring its first control into focus.
      drawer.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"], [role="tab"]')?.focus();
      return;
    }
    const anchor = document.elementFromPoint(window.innerWidth / 2, Math.min(120, window.innerHeight / 4));
    back.current = {
      y: window.scrollY,
      anchor,
      top: anchor?.getBoundingClientRect().top ?? 0,
      focus: document.activeElement,
    };
    setOpen(true);
  }, []);

  const hide = useCallback(() => {
    setOpen(false);
    const b = back.current;
    back.current = null;
    if (!b) return;
    // After the drawer is hidden, so the page underneath is scrollable and focusable again.
    requestAnimationFrame(() => {
      if (b.anchor?.isConnected) window.scrollBy({ top: b.anchor.getBoundingClientRect().top - b.top });
      else window.scrollTo({ top: b.y });
      if (b.focus instanceof HTMLElement) b.focus.focus({ preventScroll: true });
    });
  }, []);

  // The lab claims the sandbox the prose widgets read: once it loads, they hydrate too.
  useEffect(() => {
    if (loaded) openAllIslands();
  }, [loaded]);

  useEffect(() => {
    window.addEventListener(OPEN_LAB_EVENT, show);
    return () => window.removeEventListener(OPEN_LAB_EVENT, show);
  }, [show]);

  useEffect(() => {
    if (!open) return;
    document.documentElement.classList.add('lab-drawer-open');
    drawer.current?.querySelector<HTMLElement>('.lab-dock__close')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    // Widening the window past the breakpoint turns the drawer back into a column.
    const mq = window.matchMedia(NARROW);
    const onChange = () => {
      if (!mq.matches) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    mq.addEventListener('change', onChange);
    return () => {
      document.documentElement.classList.remove('lab-drawer-open');
      window.removeEventListener('keydown', onKey);
      mq.removeEventListener('change', onChange);
    };
  }, [open, hide]);

  return (
    <>
      <aside ref={drawer} className="lesson__lab lab-dock" aria-label="Lab" data-open={open} id="lab-dock">
        <div className="lab-dock__bar">
          <button type="button" className="btn lab-dock__close" onClick={hide}>
            ← Back to the lesson
          </button>
        </div>
        {loaded || wide || open ? children : placeholder}
      </aside>
      <button
        type="button"
        className="btn btn--primary lab-dock__open"
        aria-controls="lab-dock"
        aria-expanded={open}
        onClick={show}
        hidden={open}
        data-testid="open-lab"
      >
        Open lab
      </button>
    </>
  );
}
