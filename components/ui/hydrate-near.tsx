'use client';

import { Activity, Suspense, use, useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * Hydrates a lesson widget when the reader gets near it, not with the page. The server HTML
 * is there from the first paint (readable, laid out); until the gate opens React leaves it as
 * it is (a boundary whose child suspends during hydration stays dehydrated), so a
 * phone opening a lesson runs no widget code, no react-query and no sandbox claim for widgets
 * it has not scrolled to. Measured on /lessons/indexes: see the commit that added this.
 *
 * The gate opens when the widget comes within half a viewport of the screen, when the reader
 * focuses or touches it, or when the lab loads (`openAllIslands`): the lab claims the sandbox
 * the widgets read, and on a wide screen it loads at once, so there every widget hydrates at once.
 *
 * Until the reader first scrolls, "near" is "in sight": a widget below the first screen, or
 * peeking in at its bottom edge, waits for that scroll instead of hydrating while the page
 * boots. Its chunks, react-query, the sandbox claim and its first renders then no longer
 * compete with the page's own start on a phone's CPU. Measured (issue 16, Lighthouse mobile,
 * 9 runs each, same machine, interleaved): Total Blocking Time median 252 -> 141 ms on
 * /lessons/indexes (two widgets within half a screen of the first) and 254 -> 189 ms on
 * /lessons/caching-in-layers (one peeking in at the bottom).
 */
type Gate = { promise: Promise<void>; open: () => void };

const waiting = new Set<() => void>();
let allOpen = false;

/** Opens every gate, now and later (the lab has loaded: the widgets' data is on its way anyway). */
export function openAllIslands(): void {
  allOpen = true;
  for (const open of waiting) open();
  waiting.clear();
}

function newGate(): Gate {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function Wait({ gate, children }: { gate: Promise<void> | null; children: ReactNode }) {
  if (gate) use(gate);
  return children;
}

// Before the reader scrolls: only a widget in the top three quarters of the first screen, one
// they can see. After: anything within half a screen, so it is ready when they get there.
const IN_SIGHT = '0px 0px -25% 0px';
const AHEAD = '50% 0px';

// A reader reaching for a widget before it is near the screen (keyboard, a fast tap). Heard on
// the window, in the capture phase: React's own listener on the document comes next, tries to
// hydrate a widget still waiting at once, cannot (its gate is shut) and stops the event there,
// so a listener on the widget never heard it.
const EVENTS = ['focusin', 'pointerdown'] as const;

export function HydrateNear({ children }: { children: ReactNode }) {
  // Gated only while React hydrates the server's HTML. The wrapper's id comes from useId, which
  // gives the server's id back only during hydration: a widget mounted by a client-side
  // navigation (or client-rendered after a hydration error) gets a new id that is nowhere in
  // the document, and opens at once. Read once, never a re-render: if a waiting widget's parent
  // re-rendered, React would try at once to hydrate the widget and, its gate shut, hold that
  // whole update until the gate opened.
  const id = useId();
  const [{ hydrating, gate }] = useState(() => {
    if (typeof document === 'undefined') return { hydrating: true, gate: null };
    const hydrating = document.getElementById(id) !== null;
    return { hydrating, gate: hydrating && !allOpen ? newGate() : null };
  });
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const wrapper = box.current;
    if (!wrapper) return;
    // Never gated (a client-side mount, or the lab already loaded): open from the start.
    if (!gate) return void wrapper.setAttribute('data-open', '');
    let observer: IntersectionObserver | null = null;
    let unwatch = () => {};
    const reached = (e: Event) => e.target instanceof Node && wrapper.contains(e.target) && open();
    const stop = () => {
      unwatch();
      observer?.disconnect();
      waiting.delete(open);
      for (const t of EVENTS) window.removeEventListener(t, reached, true);
    };
    function open() {
      stop();
      // Says so in the DOM (not React state: no re-render while the widget waits, see above);
      // globals.css starts a placeholder's shimmer only then.
      wrapper?.removeAttribute('data-waiting');
      wrapper?.setAttribute('data-open', '');
      gate?.open();
    }
    if (allOpen) return open();
    waiting.add(open);
    for (const t of EVENTS) window.addEventListener(t, reached, true);
    // The wrapper has no box (display: contents): watch what the server rendered inside it.
    const target = wrapper.firstElementChild;
    if (!target || !('IntersectionObserver' in window)) return open();
    const observe = (rootMargin: string) => {
      observer?.disconnect();
      observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && open(), {
        rootMargin,
      });
      observer.observe(target);
    };
    const ahead = () => observe(AHEAD);
    if (window.scrollY > 0) ahead();
    else {
      observe(IN_SIGHT);
      window.addEventListener('scroll', ahead, { once: true, passive: true });
      unwatch = () => window.removeEventListener('scroll', ahead);
    }
    // Listening now (the tests wait for this before they tap or focus a widget).
    wrapper.setAttribute('data-waiting', '');
    return stop;
  }, [gate]);

  // The server and hydration: an Activity boundary. While hydrating, a child that suspends (the
  // gate, the widget's chunk) leaves it dehydrated, its server HTML in place, as a Suspense
  // boundary would. But on the server React writes a finished Suspense boundary over 500 bytes
  // out of place once the page passes 12,800 bytes (a lesson always does: its parts are
  // inline), into a hidden <div> that a script moves back (up to 300 ms after the first frame,
  // if that has been drawn): without JavaScript the widget's text never showed (e2e/no-script).
  // An Activity boundary is always written in place.
  // A client-side mount: Suspense, so the page shows while the widget's chunk loads (outside
  // hydration an Activity boundary does not catch a suspending child).
  return (
    <div ref={box} id={id} className="island">
      {hydrating ? (
        <Activity>
          <Wait gate={gate?.promise ?? null}>{children}</Wait>
        </Activity>
      ) : (
        <Suspense fallback={null}>{children}</Suspense>
      )}
    </div>
  );
}
