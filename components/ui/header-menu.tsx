'use client';

import { useEffect, useState, type ReactNode } from 'react';

/**
 * The header's links: a row on wide screens, behind a "Menu" button under 640 px (CSS decides
 * which; this only tracks open/closed). Closes when a link in it is followed and on Escape.
 * (Not usePathname: next/navigation would add ~8 KB to every page for this one effect.)
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="btn btn--ghost site-menu-button"
        aria-expanded={open}
        aria-controls="site-nav"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Close menu' : 'Menu'}
      </button>
      <nav
        id="site-nav"
        className="site-nav"
        aria-label="Main"
        data-open={open}
        onClick={(e) => {
          if ((e.target as Element).closest('a')) setOpen(false);
        }}
      >
        {children}
      </nav>
    </>
  );
}
